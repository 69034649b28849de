package io.vpai.harness.stack;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import io.vpai.harness.environment.ContainerEnvironment;
import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.inventory.InspectedContainer;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Network;
import io.vpai.harness.model.Stack;
import io.vpai.harness.probe.NamespaceProber;
import io.vpai.harness.render.CaddyfileRenderer;
import io.vpai.harness.render.RenderAll;
import io.vpai.harness.render.TlsMode;
import io.vpai.harness.render.RenderedFile;
import io.vpai.harness.render.SeseComposeRenderer;
import io.vpai.harness.target.Target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A stack brought up by {@link StackLauncher}: where each service runs, how to run a command in its
 * network namespace, and the teardown that leaves no container, network or volume behind.
 */
public final class RunningStack implements Target, AutoCloseable {
    private static final Duration INSPECT_TIMEOUT = Duration.ofSeconds(30);
    /** The sidecar map's key for the prober that is no one service's. */
    private static final String ALL_NAMESPACES = " all namespaces";
    private final DockerClient docker;
    private final ComposeCli compose;
    private final Stack model;
    private final ContainerEnvironment environment;
    private final RunLabels run;
    private final Path projectDirectory;
    private final List<Path> composeFiles;
    private final TestSecrets secrets;
    private final EventRecorder events;
    private final String probeImage;
    private final MachineLock lock;
    private final Consumer<String> log;
    private final Map<String, String> sidecars = new ConcurrentHashMap<>();
    private volatile Map<String, String> containers;
    private volatile boolean closed;

    RunningStack(DockerClient docker, ComposeCli compose, Stack model, ContainerEnvironment environment, RunLabels run,
                 Path projectDirectory, List<Path> composeFiles, TestSecrets secrets, EventRecorder events,
                 String probeImage, MachineLock lock, Consumer<String> log) {
        this.lock = lock;
        this.docker = docker;
        this.compose = compose;
        this.model = model;
        this.environment = environment;
        this.run = run;
        this.projectDirectory = projectDirectory;
        this.composeFiles = List.copyOf(composeFiles);
        this.secrets = secrets;
        this.events = events;
        this.probeImage = probeImage;
        this.log = log;
    }

    @Override
    public String name() {
        return environment.name();
    }

    @Override
    public Stack model() {
        return model;
    }

    /** An ephemeral stack is thrown away after the run. */
    @Override
    public boolean destructiveAllowed() {
        return true;
    }

    @Override
    public Optional<Fixtures> fixtures() {
        return Optional.of(environment.fixtures());
    }

    /** The stack's networks and the fixtures: all created by this run on this machine. */
    @Override
    public List<Cidr> probeableNetworks() {
        List<Cidr> networks = new ArrayList<>(model.networks().stream().map(Network::subnet).toList());
        networks.add(environment.fixtures().tailnet().subnet());
        networks.add(environment.fixtures().internet().subnet());
        return networks;
    }

    @Override
    public void restart(String service, Duration deadline) {
        ProcessRunner.Result result = ProcessRunner.run(List.of("docker", "restart", "-t", "5", container(service)),
                deadline);
        if (!result.ok()) {
            throw new StackException("docker restart " + service + " failed: " + result.tail(3));
        }
        // A restarted container gets a new network namespace; a sidecar joined to the old one would probe a
        // namespace with no interfaces left (found when the isolation fault ran after a redis restart).
        forgetSidecar(service);
        awaitReady(deadline);
    }

    @Override
    public List<InspectedContainer> inspect() {
        ProcessRunner.Result ids = ProcessRunner.run(List.of("docker", "ps", "-aq", "--no-trunc", "--filter",
                "label=" + RunLabels.COMPOSE_PROJECT + "=" + run.project()), INSPECT_TIMEOUT);
        if (!ids.ok()) {
            throw new StackException("docker ps of project " + run.project() + " failed: " + ids.tail(3));
        }
        if (ids.output().isBlank()) {
            return List.of();
        }
        List<String> command = new ArrayList<>(List.of("docker", "inspect"));
        command.addAll(List.of(ids.output().strip().split("\\s+")));
        ProcessRunner.Result inspected = ProcessRunner.run(command, INSPECT_TIMEOUT);
        if (!inspected.ok()) {
            throw new StackException("docker inspect of project " + run.project() + " failed: " + inspected.tail(3));
        }
        return InspectedContainer.parse(inspected.output());
    }

    /** A fresh render of the shipped compose file, then this run's override as written at start. */
    @Override
    public List<String> expectedCompose() {
        String shipped = RenderAll.render(model).stream().filter(f -> f.path().equals(SeseComposeRenderer.PATH))
                .map(RenderedFile::content).findFirst().orElseThrow();
        List<String> texts = new ArrayList<>(List.of(shipped));
        composeFiles.subList(1, composeFiles.size()).forEach(f -> readFile(f.toString()).ifPresent(texts::add));
        return texts;
    }

    /** What {@link StackLauncher#prepare} mounted: the model's sites with this environment's TLS mode. */
    @Override
    public String expectedCaddyfile() {
        return new CaddyfileRenderer(TlsMode.valueOf(environment.tls().name())).caddyfile(model);
    }

    @Override
    public String project() {
        return run.project();
    }

    /** The engine runs on this machine: its host files are ours to read. */
    @Override
    public Optional<String> readFile(String path) {
        try {
            Path file = Path.of(path);
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            throw new StackException("cannot read " + path + ": " + e.getMessage());
        }
    }

    public ContainerEnvironment environment() {
        return environment;
    }

    public RunLabels run() {
        return run;
    }

    public DockerClient docker() {
        return docker;
    }

    public TestSecrets secrets() {
        return secrets;
    }

    @Override
    public List<ContainerEvent> events() {
        return events.events();
    }

    @Override
    public Fidelity fidelity(String service) {
        return environment.fidelity(service);
    }

    /** Compose service name (model services and fixtures) to container id. */
    public Map<String, String> containers() {
        return containers;
    }

    public String container(String service) {
        String id = containers.get(service);
        if (id == null) {
            throw new StackException("service '" + service + "' has no container in project " + run.project());
        }
        return id;
    }

    void refreshContainers() {
        Map<String, String> found = new java.util.TreeMap<>();
        docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(RunLabels.COMPOSE_PROJECT, run.project())).exec()
                .forEach(c -> found.put(c.getLabels().get("com.docker.compose.service"), c.getId()));
        containers = found;
    }

    /** Runs a shell script inside the container of {@code service} (fixtures have a shell; most upstream images may not). */
    public ProcessRunner.Result exec(String service, String script, Duration timeout) {
        return ProcessRunner.run(List.of("docker", "exec", container(service), "bash", "-c", script), timeout);
    }

    /**
     * Runs a script in a probe sidecar that shares {@code service}'s network namespace: it sees exactly
     * the networks, addresses and routes the service sees, whatever the service's image contains.
     */
    @Override
    public ProcessRunner.Result probeFrom(String service, String script, Duration timeout) {
        String sidecar = sidecars.computeIfAbsent(service, this::startSidecar);
        return ProcessRunner.run(List.of("docker", "exec", sidecar, "bash", "-c", script), timeout);
    }

    /**
     * The engine runs here, so one prober container may join every service's namespace: it sees the host's
     * processes, holds CAP_SYS_ADMIN and CAP_SYS_PTRACE to enter their namespaces, and has no network of its own. A whole matrix of TCP probes
     * is then one exec instead of one per source. Namespaces are named by each container's current process
     * ({@code /proc/PID/ns/net}), looked up on every call: a container restarted by anyone — the harness, a
     * restart policy — is probed in its new namespace, never in a stale one that only has loopback left.
     */
    @Override
    public Optional<NamespaceProber> namespaceProber() {
        return Optional.of(new NamespaceProber() {
            @Override
            public Map<String, String> namespaces(java.util.Collection<String> sources) {
                List<String> command = new ArrayList<>(List.of("docker", "inspect", "-f",
                        "{{index .Config.Labels \"com.docker.compose.service\"}} {{.State.Pid}}"));
                sources.forEach(s -> command.add(container(s)));
                ProcessRunner.Result result = ProcessRunner.run(command, INSPECT_TIMEOUT);
                if (!result.ok()) {
                    throw new StackException("docker inspect of the probe sources failed: " + result.tail(3));
                }
                Map<String, String> namespaces = new java.util.TreeMap<>();
                result.output().lines().map(l -> l.split(" ")).filter(p -> p.length == 2 && !p[1].equals("0"))
                        .forEach(p -> namespaces.put(p[0], "/proc/" + p[1] + "/ns/net"));
                List<String> without = sources.stream().filter(s -> !namespaces.containsKey(s)).toList();
                if (!without.isEmpty()) {
                    throw new StackException("no running process, so no network namespace to probe from, for "
                            + without + " in project " + run.project());
                }
                return namespaces;
            }

            @Override
            public ProcessRunner.Result run(String script, Duration timeout) {
                String prober = sidecars.computeIfAbsent(ALL_NAMESPACES, k -> startNamespaceProber());
                return ProcessRunner.run(List.of("docker", "exec", prober, "bash", "-c", script), timeout);
            }
        });
    }

    private String startNamespaceProber() {
        String id = docker.createContainerCmd(probeImage)
                .withName(run.project() + "_probe-all-namespaces")
                .withLabels(run.labels())
                .withCmd("sleep", "infinity")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none").withPidMode("host")
                        // SYS_ADMIN for setns; SYS_PTRACE to open the namespace of a process run as another user.
                        .withCapAdd(Capability.SYS_ADMIN, Capability.SYS_PTRACE))
                .exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    private String startSidecar(String service) {
        String id = docker.createContainerCmd(probeImage)
                .withName(run.project() + "_probe_" + service)
                .withLabels(run.labels())
                .withCmd("sleep", "infinity")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("container:" + container(service)))
                .exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    /** Drops a sidecar whose namespace owner was restarted or recreated: the next probe starts a fresh one. */
    public void forgetSidecar(String service) {
        String id = sidecars.remove(service);
        if (id != null) {
            try {
                docker.removeContainerCmd(id).withForce(true).exec();
            } catch (RuntimeException alreadyGone) {
                // removed with its namespace owner
            }
        }
    }

    /**
     * Attaches a service to one of the stack's networks by hand ({@code docker network connect}), or detaches
     * it: a fault the live specs must catch. {@code network} is the model's name; Docker's carries the project.
     */
    public void connect(String service, String network, boolean attach) {
        requireDestructive((attach ? "connect " : "disconnect ") + service + (attach ? " to " : " from ") + network);
        List<String> command = List.of("docker", "network", attach ? "connect" : "disconnect",
                run.project() + "_" + network, container(service));
        ProcessRunner.Result result = ProcessRunner.run(command, INSPECT_TIMEOUT);
        if (!result.ok()) {
            throw new StackException(String.join(" ", command) + " failed: " + result.tail(3));
        }
    }

    /** The compose files this run started from: the shipped file, then the run's override. */
    public List<Path> composeFiles() {
        return composeFiles;
    }

    /**
     * Recreates one service from other compose files — a fault: its container then differs from what the run
     * declared — or, given {@link #composeFiles()}, puts it back as declared. Waits until the stack is ready.
     */
    public void recreate(String service, List<Path> files, Duration deadline) {
        requireDestructive("recreate " + service + " from other compose files");
        compose.require(run.project(), projectDirectory, files, secrets.asEnvironment(), deadline,
                "up", "-d", "--no-deps", "--force-recreate", service);
        forgetSidecar(service);
        awaitReady(deadline);
    }

    public void compose(Duration timeout, String... args) {
        compose.require(run.project(), projectDirectory, composeFiles, secrets.asEnvironment(), timeout, args);
        refreshContainers();
    }

    public void awaitReady(Duration deadline) {
        refreshContainers();
        new HealthWatcher(docker, model, log).awaitReady(containers, deadline);
    }

    @Override
    public Map<String, String> states() {
        return new HealthWatcher(docker, model, log).states(containers);
    }

    /** Why services are not ready: state plus the last health-check output of each unhealthy one. */
    public String diagnose() {
        refreshContainers();
        StringBuilder out = new StringBuilder();
        states().forEach((service, state) -> {
            if (state.equals("healthy") || state.equals("running")) {
                return;
            }
            out.append(service).append('=').append(state);
            try {
                var health = docker.inspectContainerCmd(container(service)).exec().getState().getHealth();
                if (health != null && health.getLog() != null && !health.getLog().isEmpty()) {
                    var last = health.getLog().get(health.getLog().size() - 1);
                    out.append(" (last check exit ").append(last.getExitCodeLong()).append(": ")
                            .append(String.valueOf(last.getOutput()).strip().replace('\n', ' ')).append(')');
                }
            } catch (RuntimeException gone) {
                // nothing more to say about a container that is gone
            }
            out.append("; ");
        });
        return out.length() == 0 ? "every service is ready" : out.toString();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sidecars.values().forEach(id -> {
            try {
                docker.removeContainerCmd(id).withForce(true).exec();
            } catch (RuntimeException alreadyGone) {
                // removed with its namespace owner
            }
        });
        try {
            compose.run(run.project(), projectDirectory, composeFiles, secrets.asEnvironment(), Duration.ofMinutes(3),
                    "down", "-v", "--remove-orphans", "-t", "5");
        } catch (RuntimeException e) {
            log.accept("compose down failed: " + e.getMessage());
        }
        try {
            events.close();
        } catch (Exception ignored) {
            // the stream ends with the run
        }
        new Reaper(docker).reapRun(run.runId(), log);
        lock.close();
        log.accept("stack " + run.project() + " removed");
    }
}
