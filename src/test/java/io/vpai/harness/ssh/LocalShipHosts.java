package io.vpai.harness.ssh;

import io.vpai.harness.engine.ProcessRunner;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.environment.ContainerEnvironment;
import io.vpai.harness.environment.Environments;
import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.environment.HostKeyPolicy;
import io.vpai.harness.environment.SshEndpoint;
import io.vpai.harness.environment.SshEnvironment;
import io.vpai.harness.images.OfflineImages;
import io.vpai.harness.model.Stack;
import io.vpai.harness.render.PostgresInitRenderer;
import io.vpai.harness.render.RenderAll;
import io.vpai.harness.render.RenderedFile;
import io.vpai.harness.render.SeseComposeRenderer;
import io.vpai.harness.ship.ShipHost;
import io.vpai.harness.stack.MachineLock;
import io.vpai.harness.stack.RunLabels;
import io.vpai.harness.stack.TestSecrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Two offline {@code sshd} containers standing for preprod and production, for the ship's tests.
 * <ul>
 *   <li>{@link #plain}: no Docker socket, each host's deploy directory inside its own container — for everything a
 *       ship does before it starts a stack (its refusals), cheap enough for the default test execution;</li>
 *   <li>{@link #withStack}: both with this machine's Docker socket and one shared directory mounted at the same path,
 *       as {@link LocalPreprod} does, under the machine lock. Both stand-ins drive this machine's one engine with one
 *       compose project, so production's deploy converges the containers preprod's started (with the same bytes
 *       there is nothing to recreate); each host keeps its own {@code compose/} tree, records and {@code .env}. What
 *       the two would otherwise resolve differently is made the same: the environment's override and the files it
 *       mounts lie in one shared {@code run/} folder, PostgreSQL's init script is mounted from there too (the
 *       shipped file mounts it relative to each host's tree), and both {@code .env} files hold the same values, as the
 *       containers and their volumes are shared.</li>
 * </ul>
 */
public final class LocalShipHosts implements AutoCloseable {
    private static final Duration COMMAND = Duration.ofSeconds(60);

    private final Consumer<String> log;
    private MachineLock lock;
    private Path shared;
    private LocalSshHost preprodHost;
    private LocalSshHost productionHost;
    private ShipHost.Spec preprod;
    private ShipHost.Spec production;
    private String probeImage;
    private String project;

    private LocalShipHosts(Consumer<String> log) {
        this.log = log;
    }

    /** Two plain sshd hosts; deploy directories {@code /srv/vpai} inside each. */
    public static LocalShipHosts plain(Path projectRoot, Path work, Consumer<String> log) {
        LocalShipHosts hosts = new LocalShipHosts(log);
        try {
            hosts.preprodHost = LocalSshHost.start(projectRoot, work.resolve("preprod"), LocalSshHost.Options.plain(), log);
            hosts.productionHost = LocalSshHost.start(projectRoot, work.resolve("production"), LocalSshHost.Options.plain(), log);
            SshSettings settings = new SshSettings("vpaihship", "/srv/vpai", "vpai/probe", Duration.ofSeconds(5),
                    Duration.ofSeconds(20), COMMAND, Optional.empty(), Map.of());
            hosts.preprod = new ShipHost.Spec(hosts.preprodHost.endpoint("preprod-local", true), settings, List.of());
            hosts.production = new ShipHost.Spec(hosts.productionHost.endpoint(SshEnvironment.PRODUCTION, false),
                    settings, List.of());
            return hosts;
        } catch (RuntimeException | Error e) {
            hosts.close();
            throw e;
        }
    }

    /** Both hosts able to run the offline stack on this machine's engine; holds the machine lock until closed. */
    public static LocalShipHosts withStack(Path projectRoot, Stack model, Consumer<String> log) {
        LocalShipHosts hosts = new LocalShipHosts(log);
        try {
            hosts.startWithStack(projectRoot, model);
            return hosts;
        } catch (RuntimeException | Error e) {
            hosts.close();
            throw e;
        }
    }

    private void startWithStack(Path projectRoot, Stack model) {
        lock = MachineLock.acquire(Duration.ofMinutes(30), log);
        // Under the lock no other stack runs: a harness project still there is a dead run's. (Other sshd test
        // containers are left alone: the plain ones run without the lock.)
        removeProjects(RunLabels.PROJECT_PREFIX);
        ContainerEnvironment offline = (ContainerEnvironment) Environments.load(projectRoot, "offline", model);
        OfflineImages images = OfflineImages.ensureBuilt(projectRoot, log);
        probeImage = images.image("probe");
        RunLabels run = RunLabels.fresh();
        try {
            shared = Files.createTempDirectory(Path.of("/tmp"), "vpai-ship-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> extras = environmentFiles(projectRoot, model, offline, images, run);
        Map<String, Fidelity> standIns = new LinkedHashMap<>();
        offline.standIns().forEach(s -> standIns.put(s, Fidelity.STAND_IN));
        Map<String, String> labels = new LinkedHashMap<>(run.labels());
        preprodHost = LocalSshHost.start(projectRoot, shared.resolve("ssh-preprod"),
                new LocalSshHost.Options(true, shared, labels), log);
        productionHost = LocalSshHost.start(projectRoot, shared.resolve("ssh-production"),
                new LocalSshHost.Options(true, shared, labels), log);
        project = run.project();
        preprod = stackSpec(preprodHost.endpoint("preprod-local", true), run, "preprod", offline, standIns, extras);
        production = stackSpec(productionHost.endpoint(SshEnvironment.PRODUCTION, false), run, "production", offline,
                standIns, extras);
        sameEnvOnBoth(model, extras);
    }

    /**
     * The environment's run files as {@link LocalPreprod} makes them, plus PostgreSQL's init script and the override
     * that mounts it, in one {@code <shared>/run/} both hosts use; returns the compose files among them.
     */
    private List<String> environmentFiles(Path projectRoot, Stack model, ContainerEnvironment offline,
                                          OfflineImages images, RunLabels run) {
        // LocalPreprod places run files by a deployment's paths: one whose deploy directory is the shared folder.
        PreprodDeployment paths = new PreprodDeployment(HostAccess.of(SshTarget.over(FakeShell.forbidden(),
                new SshEndpoint("preprod-local", "127.0.0.1", 22, "root", shared.resolve("no-key"),
                        new HostKeyPolicy.Fingerprint("SHA256:" + "A".repeat(43)), true), model,
                new SshSettings(run.project(), shared.toString(), probeImage, COMMAND, COMMAND, COMMAND, Optional.empty(),
                        Map.of())).destructive().orElseThrow()), RenderAll.render(model));
        List<RenderedFile> files = new ArrayList<>(LocalPreprod.runFiles(projectRoot, model, offline, images, run, paths));
        files.add(RenderedFile.text("init-databases.sql", RenderAll.render(model).stream()
                .filter(f -> f.path().equals(PostgresInitRenderer.PATH)).findFirst().orElseThrow().content()));
        files.add(RenderedFile.text("docker-compose.ship.yml", "services:\n  postgresql:\n    volumes:\n      - \""
                + paths.runPath("init-databases.sql") + ":/docker-entrypoint-initdb.d/init-databases.sql:ro\"\n"));
        files.forEach(f -> write(Path.of(paths.runPath(f.path())), f.content(), "rw-r--r--"));
        return List.of(paths.runPath("docker-compose.override.yml"), paths.runPath("docker-compose.ship.yml"));
    }

    /** One .env (mode 600) for both hosts, a value for every variable the compose files reference: they share volumes. */
    private void sameEnvOnBoth(Stack model, List<String> extras) {
        StringBuilder texts = new StringBuilder(RenderAll.render(model).stream()
                .filter(f -> f.path().equals(SeseComposeRenderer.PATH)).findFirst().orElseThrow().content());
        for (String extra : extras) {
            try {
                texts.append('\n').append(Files.readString(Path.of(extra)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String dotEnv = new String(new EnvFile(TestSecrets.forCompose(texts.toString(), Map.of()),
                "Written by the ship test for both stand-ins; removed with them.").bytes(), StandardCharsets.UTF_8);
        for (String host : List.of("preprod", "production")) {
            write(shared.resolve(host).resolve("compose").resolve(SeseComposeRenderer.PATH).resolveSibling(".env"), dotEnv,
                    "rw-------");
        }
    }

    private ShipHost.Spec stackSpec(SshEndpoint endpoint, RunLabels run, String folder, ContainerEnvironment offline,
                                    Map<String, Fidelity> standIns, List<String> extras) {
        SshSettings settings = new SshSettings(run.project(), shared.resolve(folder).toString(), probeImage,
                Duration.ofSeconds(5), Duration.ofSeconds(20), COMMAND, Optional.empty(), Map.of())
                .withFixtures(offline.fixtures(), standIns);
        return new ShipHost.Spec(endpoint, settings, extras);
    }

    public ShipHost.Spec preprod() {
        return preprod;
    }

    public ShipHost.Spec production() {
        return production;
    }

    /** Production with a known_hosts file that pins keys of other hosts only: the key it presents is unknown. */
    public ShipHost.Spec productionWithUnknownKey(Path work) throws IOException {
        SshKeys other = SshKeys.generate(work.resolve("other/ssh_host_ed25519_key"), "another host's key");
        Path knownHosts = work.resolve("known_hosts.unknown");
        Files.writeString(knownHosts, PinnedHostKeys.entryName("127.0.0.1", 1) + " " + other.typeAndKey() + "\n");
        SshEndpoint unknown = productionHost.endpoint(SshEnvironment.PRODUCTION, productionHost.clientKey(),
                new HostKeyPolicy.KnownHosts(knownHosts.toString()), false);
        return new ShipHost.Spec(unknown, production.settings(), production.extraComposeFiles());
    }

    /** Production at a loopback port where nothing listens. */
    public ShipHost.Spec productionUnreachable() throws IOException {
        SshEndpoint real = production.endpoint();
        return new ShipHost.Spec(new SshEndpoint(real.environment(), real.host(), LoopbackPorts.closed(), real.user(),
                real.privateKey(), real.hostKey(), false), production.settings(), production.extraComposeFiles());
    }

    /** Runs a script inside the host's container (not over SSH): a test looking behind the ship's back. */
    public ShellResult exec(ShipHost.Spec host, String script) {
        return (host.production() ? productionHost : preprodHost).exec(script);
    }

    @Override
    public void close() {
        for (LocalSshHost host : new LocalSshHost[]{preprodHost, productionHost}) {
            if (host != null) {
                host.close();
            }
        }
        if (project != null) {
            removeProjects(project);
        }
        if (shared != null) {
            try (Stream<Path> paths = Files.walk(shared)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory; the OS clears it eventually
            }
        }
        if (lock != null) {
            lock.close();
        }
    }

    /**
     * Removes the containers (probe sidecars included), networks and volumes of every compose project whose name
     * starts with {@code prefix}: this run's own at the end; at the start, under the lock, dead runs' stacks.
     */
    private void removeProjects(String prefix) {
        String project = "{{.Label \"com.docker.compose.project\"}}";
        removeMatching(List.of("docker", "ps", "-a", "--format", "{{.ID}} " + project + "{{.Label \""
                + "io.vpai.harness.probe-for\"}}"), prefix, List.of("docker", "rm", "-f"));
        removeMatching(List.of("docker", "network", "ls", "--format", "{{.ID}} " + project), prefix,
                List.of("docker", "network", "rm"));
        removeMatching(List.of("docker", "volume", "ls", "--format", "{{.Name}} " + project), prefix,
                List.of("docker", "volume", "rm", "-f"));
    }

    private void removeMatching(List<String> list, String prefix, List<String> remove) {
        List<String> ids = ProcessRunner.run(list, COMMAND).stdout().lines().map(l -> l.strip().split(" "))
                .filter(f -> f.length == 2 && f[1].startsWith(prefix)).map(f -> f[0]).toList();
        if (!ids.isEmpty()) {
            List<String> command = new ArrayList<>(remove);
            command.addAll(ids);
            ProcessRunner.run(command, Duration.ofMinutes(2));
            log.accept("removed " + ids.size() + " of " + String.join(" ", list.subList(0, 2)) + " for " + prefix + "*");
        }
    }

    private static void write(Path path, String content, String mode) {
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, content);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
