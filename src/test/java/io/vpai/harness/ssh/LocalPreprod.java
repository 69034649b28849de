package io.vpai.harness.ssh;

import io.vpai.harness.engine.ShellResult;

import io.vpai.harness.environment.ContainerEnvironment;
import io.vpai.harness.environment.Environments;
import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.environment.ImageSource;
import io.vpai.harness.images.OfflineImages;
import io.vpai.harness.model.Stack;
import io.vpai.harness.render.CaddyfileRenderer;
import io.vpai.harness.render.RenderAll;
import io.vpai.harness.render.RenderedFile;
import io.vpai.harness.render.TlsMode;
import io.vpai.harness.stack.MachineLock;
import io.vpai.harness.mesh.MeshJoin;
import io.vpai.harness.stack.OverrideFile;
import io.vpai.harness.engine.ProcessRunner;
import io.vpai.harness.stack.ResolverConfig;
import io.vpai.harness.stack.RunLabels;
import io.vpai.harness.stack.StackException;
import io.vpai.harness.stack.StackLauncher;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Preprod on this machine: the offline {@code sshd} image with the host's Docker socket, on a random loopback port,
 * deployed to through the SSH target exactly as the real preprod is — rendered files over SFTP, a mode-600 {@code .env},
 * {@code docker-compose up -d} run on the "host" (inside the sshd container, against this machine's engine) — then
 * seeded. What differs from the real host is said in one place, the run files under {@code run/}: the offline
 * environment's compose override (offline images, stand-ins, test TLS, short health interval, fixture networks) and
 * its Caddyfile and resolver configs. The shipped {@code compose/} tree is uploaded untouched.
 * <p>
 * Seeding: the real preprod is seeded from the shared bucket by its own job, which leaves the data and the seed's
 * manifest. Here the harness plays that job with a small data set — two tables with known row counts — and writes
 * the manifest next to it, so the smoke check reads its expectations from the host as it will on preprod.
 * <p>
 * One stack per machine: the production subnets and ports are fixed, so this holds {@link MachineLock} from before
 * the deploy until after {@code down -v}. Everything it creates carries the harness's run labels and a
 * {@value RunLabels#PROJECT_PREFIX}… project name, so the stack reaper removes what a killed run left.
 */
public final class LocalPreprod implements PreprodHost {
    public static final String ENVIRONMENT = "preprod-local";
    private static final Duration UP = Duration.ofMinutes(10);
    private static final Duration READY = Duration.ofMinutes(4);
    private static final Duration DOWN = Duration.ofMinutes(3);

    /** The stand-in for the bucket's seed: table, database, rows. Small, and each count distinct. */
    static final List<SeedManifest.Entry> SEED = List.of(
            new SeedManifest.Entry("n8n", "harness_seed_workflows", 3),
            new SeedManifest.Entry("litellm", "harness_seed_keys", 5));

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private MachineLock lock;
    private Path shared;
    private LocalSshHost sshd;
    private SshTarget target;
    private HostAccess access;
    private PreprodDeployment deployment;
    private PreprodDeployment.Report report;

    private LocalPreprod() {
    }

    /** Deploys and seeds; on any failure everything started so far is torn down before the error is thrown. */
    public static LocalPreprod start(Path projectRoot, Stack model) {
        LocalPreprod preprod = new LocalPreprod();
        try {
            preprod.deploy(projectRoot, model);
            return preprod;
        } catch (RuntimeException | Error e) {
            preprod.close();
            throw e;
        }
    }

    private void deploy(Path projectRoot, Stack model) {
        Consumer<String> out = line -> {
            log.add(line);
            System.out.println("[preprod-local] " + line);
        };
        try {
            lock = MachineLock.acquire(Duration.ofMinutes(30), out);
        } catch (StackException e) {
            // This JVM already runs the shared container stack: the two cannot share the fixed subnets and ports.
            // A skip with the way out, not a failure: the SSH smoke has its own Maven invocation.
            if (String.valueOf(e.getMessage()).contains("this JVM already")) {
                Assumptions.abort(e.getMessage() + "; the SSH rehearsal runs in its own JVM, surefire's ssh-rehearsal"
                        + " execution (-Dvpai.env=preprod-local)");
            }
            throw e;
        }
        reapLeftovers(out);

        ContainerEnvironment offline = (ContainerEnvironment) Environments.load(projectRoot, "offline", model);
        OfflineImages images = OfflineImages.ensureBuilt(projectRoot, out);
        RunLabels run = RunLabels.fresh();
        try {
            // The deploy directory must exist at the same absolute path on this machine and inside the sshd
            // container: the compose file's bind mounts are resolved there but mounted by this machine's engine.
            shared = Files.createTempDirectory(Path.of("/tmp"), "vpai-preprod-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the shared deploy directory", e);
        }
        Map<String, String> labels = new LinkedHashMap<>(run.labels());
        sshd = LocalSshHost.start(projectRoot, shared.resolve("ssh"),
                new LocalSshHost.Options(true, shared, labels), out);

        Map<String, Fidelity> standIns = new LinkedHashMap<>();
        offline.standIns().forEach(s -> standIns.put(s, Fidelity.STAND_IN));
        SshSettings settings = new SshSettings(run.project(), shared.resolve("deploy").toString(), images.image("probe"),
                Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(60), Optional.empty(), Map.of())
                .withFixtures(offline.fixtures(), standIns);
        target = SshTarget.connect(sshd.endpoint(ENVIRONMENT, true), model, settings);
        access = target.destructive().map(HostAccess::of).orElseThrow(() -> new IllegalStateException(ENVIRONMENT + " must allow deploys"));

        deployment = new PreprodDeployment(access, RenderAll.render(model));
        deployment = deployment.withRunFiles(runFiles(projectRoot, model, offline, images, run, deployment),
                List.of("docker-compose.override.yml"));
        report = deployment.deploy(UP, READY, out);
        out.accept("deployed with " + report.composeVersion() + ": up in " + report.up().toMillis() + " ms, ready after "
                + report.ready().toMillis() + " ms");
        new MeshJoin(target.engine(), target.project(), model, out).join(offline.fixtures());
        seed(out);
    }

    /** The offline environment's override and the files it mounts, at their paths on the host. */
    static List<RenderedFile> runFiles(Path projectRoot, Stack model, ContainerEnvironment offline,
                                               OfflineImages images, RunLabels run, PreprodDeployment deployment) {
        OverrideFile.Mounts mounts = new OverrideFile.Mounts(Path.of(deployment.runPath(CaddyfileRenderer.FILE)),
                Path.of(deployment.runPath(CaddyfileRenderer.ENVIRONMENT_FILE)),
                Path.of(deployment.runPath("headscale-config")), Path.of(deployment.runPath("unbound-public.conf")));
        String override = OverrideFile.render(model, offline,
                source -> source instanceof ImageSource.Pull pull ? pull.reference()
                        : images.image(((ImageSource.Build) source).logicalImage()),
                run, mounts, null);
        return List.of(
                RenderedFile.text("docker-compose.override.yml", override),
                // The shipped Caddyfile byte for byte (a fault spec edits this copy); the file it imports is the environment's.
                RenderedFile.text(CaddyfileRenderer.FILE, shipped(projectRoot, CaddyfileRenderer.PATH)),
                RenderedFile.text(CaddyfileRenderer.ENVIRONMENT_FILE,
                        CaddyfileRenderer.environmentFile(model, TlsMode.valueOf(offline.tls().name()))),
                // The shipped Headscale config, byte for byte (a fault spec edits this copy, never compose/).
                RenderedFile.text("headscale-config/config.yaml",
                        shipped(projectRoot, StackLauncher.HEADSCALE_CONFIG + "/config.yaml")),
                RenderedFile.text("unbound-public.conf", ResolverConfig.unbound(model.dns().domain(),
                        model.dns().publicRecords())));
    }

    private static String shipped(Path projectRoot, String path) {
        try {
            return Files.readString(projectRoot.resolve("compose").resolve(path));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the shipped " + path, e);
        }
    }

    /** Plays the seeding job: the tables with their rows, then the manifest that promises those counts. */
    private void seed(Consumer<String> out) {
        String postgres = SeedCheck.postgres(target.model()).name();
        for (SeedManifest.Entry entry : SEED) {
            String sql = "CREATE TABLE " + entry.table() + " (id integer PRIMARY KEY, name text NOT NULL);\n"
                    + "INSERT INTO " + entry.table() + " SELECT n, 'seed ' || n FROM generate_series(1, " + entry.rows()
                    + ") AS n;\n";
            ShellResult seeded = access.execIn(postgres, List.of("psql", "-U", "postgres", "-d", entry.database(), "-v",
                    "ON_ERROR_STOP=1", "-q"), sql, Duration.ofSeconds(60));
            if (!seeded.ok()) {
                throw new IllegalStateException("seeding " + entry.subject() + " failed: " + seeded.tail(3));
            }
        }
        access.write(manifestPath(), new SeedManifest(SEED).render().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                0644);
        out.accept("seeded " + SEED.size() + " tables; manifest at " + manifestPath());
    }

    @Override
    public SshTarget target() {
        return target;
    }

    @Override
    public HostAccess access() {
        return access;
    }

    @Override
    public PreprodDeployment deployment() {
        return deployment;
    }

    @Override
    public PreprodDeployment.Report report() {
        return report;
    }

    @Override
    public List<String> log() {
        return List.copyOf(log);
    }

    @Override
    public Optional<LocalSshHost> localSshd() {
        return Optional.ofNullable(sshd);
    }

    /** Always: compose down -v, the probe sidecars, the sshd container, the shared directory, then the lock. */
    @Override
    public void close() {
        Consumer<String> out = line -> System.out.println("[preprod-local] " + line);
        if (deployment != null) {
            try {
                deployment.tearDown(DOWN, out);
            } catch (RuntimeException e) {
                out.accept("teardown over SSH failed (" + e.getMessage() + "); reaping locally");
            }
        }
        if (target != null) {
            target.close();
        }
        if (sshd != null) {
            sshd.close();
        }
        if (lock != null) {
            reapLeftovers(out);
        }
        deleteTree(shared);
        if (lock != null) {
            lock.close();
        }
    }

    /**
     * Removes what a killed run of this class left: harness compose projects (containers, networks, volumes), probe
     * sidecars and sshd containers. Narrower than the stack reaper on purpose: image checks of colleagues run without
     * the machine lock and carry harness labels too; this touches only what a preprod run creates. Called under the lock.
     */
    static void reapLeftovers(Consumer<String> log) {
        Duration timeout = Duration.ofMinutes(2);
        List<String> containers = matching(List.of("docker", "ps", "-a", "--format",
                "{{.ID}} {{.Label \"com.docker.compose.project\"}}{{.Label \"" + SshTarget.PROBE_LABEL + "\"}} {{.Label \""
                        + LocalSshHost.LABEL + "\"}}"), timeout);
        remove(List.of("docker", "rm", "-f"), containers, timeout, "container", log);
        remove(List.of("docker", "network", "rm"), matching(List.of("docker", "network", "ls", "--format",
                "{{.ID}} {{.Label \"com.docker.compose.project\"}}"), timeout), timeout, "network", log);
        remove(List.of("docker", "volume", "rm", "-f"), matching(List.of("docker", "volume", "ls", "--format",
                "{{.Name}} {{.Label \"com.docker.compose.project\"}}"), timeout), timeout, "volume", log);
    }

    private static List<String> matching(List<String> command, Duration timeout) {
        ShellResult listed = ProcessRunner.run(command, timeout);
        return listed.output().lines().map(String::strip)
                .filter(l -> l.contains(" " + RunLabels.PROJECT_PREFIX) || l.endsWith(" true"))
                .map(l -> l.split(" ")[0]).toList();
    }

    private static void remove(List<String> command, List<String> ids, Duration timeout, String kind, Consumer<String> log) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> full = new ArrayList<>(command);
        full.addAll(ids);
        ProcessRunner.run(full, timeout);
        log.accept("reaped " + ids.size() + " leftover " + kind + "(s)");
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory; the OS clears it eventually
        }
    }
}
