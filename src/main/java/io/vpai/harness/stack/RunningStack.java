package io.vpai.harness.stack;

import io.vpai.harness.report.PhaseClock;
import io.vpai.harness.engine.ShellResult;

import com.github.dockerjava.api.DockerClient;
import io.vpai.harness.engine.ContainerEvent;
import io.vpai.harness.engine.ContainerState;
import io.vpai.harness.engine.DockerEngine;
import io.vpai.harness.engine.EventFeed;
import io.vpai.harness.environment.ContainerEnvironment;
import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.inventory.InspectedContainer;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Network;
import io.vpai.harness.model.Stack;
import io.vpai.harness.render.CaddyFiles;
import io.vpai.harness.render.CaddyfileRenderer;
import io.vpai.harness.render.RenderAll;
import io.vpai.harness.render.RenderedFile;
import io.vpai.harness.render.SeseComposeRenderer;
import io.vpai.harness.render.TlsMode;
import io.vpai.harness.target.EngineTarget;
import io.vpai.harness.target.Recomposable;
import io.vpai.harness.target.StackSecrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A stack brought up by {@link StackLauncher} on this machine's engine: the {@link EngineTarget} over a local shell,
 * plus what only an ephemeral stack has — the run's compose files and secrets, recreating a service from other
 * compose files, and the teardown that leaves no container, network or volume behind.
 */
public final class RunningStack extends EngineTarget implements Recomposable, StackSecrets, AutoCloseable {
    private final DockerClient docker;
    private final ComposeCli compose;
    private final ContainerEnvironment environment;
    private final RunLabels run;
    private final Path projectDirectory;
    private final List<Path> composeFiles;
    private final TestSecrets secrets;
    private final EventFeed events;
    private final MachineLock lock;
    private final Consumer<String> log;
    private volatile boolean closed;
    /** Service to container id, as last read: the harness drives Compose here, so it knows when ids change. */
    private volatile Map<String, String> ids = Map.of();

    RunningStack(DockerClient docker, DockerEngine engine, ComposeCli compose, Stack model, ContainerEnvironment environment,
                 RunLabels run, Path projectDirectory, List<Path> composeFiles, TestSecrets secrets, EventFeed events,
                 String probeImage, MachineLock lock, Consumer<String> log) {
        super(engine, model, run.project(), probeImage, run.project() + "_probe", run.labels(), log);
        this.lock = lock;
        this.docker = docker;
        this.compose = compose;
        this.environment = environment;
        this.run = run;
        this.projectDirectory = projectDirectory;
        this.composeFiles = List.copyOf(composeFiles);
        this.secrets = secrets;
        this.events = events;
        this.log = log;
    }

    @Override
    public String name() {
        return environment.name();
    }

    /** An ephemeral stack is thrown away after the run. */
    @Override
    protected boolean writable() {
        return true;
    }

    @Override
    public Optional<Fixtures> fixtures() {
        return Optional.of(environment.fixtures());
    }

    /** The stack's networks and the internet fixture, all created by this run on this machine (the mesh: see guard()). */
    @Override
    public List<Cidr> probeableNetworks() {
        List<Cidr> networks = new ArrayList<>(model.networks().stream().map(Network::subnet).toList());
        networks.add(environment.fixtures().internet().subnet());
        return networks;
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

    /** What {@link StackLauncher#prepare} mounted: the shipped Caddyfile, and this environment's imported file. */
    @Override
    public CaddyFiles expectedCaddyFiles() {
        return CaddyfileRenderer.files(model, TlsMode.valueOf(environment.tls().name()));
    }

    @Override
    public List<ContainerEvent> events() {
        return events.events();
    }

    @Override
    public Fidelity fidelity(String service) {
        return environment.fidelity(service);
    }

    public ContainerEnvironment environment() {
        return environment;
    }

    public RunLabels run() {
        return run;
    }

    public TestSecrets secrets() {
        return secrets;
    }

    @Override
    public Optional<String> secret(String variable) {
        return Optional.ofNullable(secrets.asEnvironment().get(variable));
    }

    @Override
    public String redact(String text) {
        return StackSecrets.redact(text, secrets.values());
    }

    /** Compose service name (model services and fixtures) to container id: the running one, else a stopped one. */
    public Map<String, String> containers() {
        Map<String, String> found = new TreeMap<>();
        inspect().forEach(c -> {
            if (c.running() || !found.containsKey(c.service())) {
                found.put(c.service(), c.id());
            }
        });
        ids = found;
        return found;
    }

    /** Remembered between the moments the harness changes containers (Compose, a recreate, a restart). */
    @Override
    public String container(String service) {
        String id = ids.get(service);
        if (id == null) {
            id = containers().get(service);
        }
        if (id == null) {
            throw new StackException("service '" + service + "' has no container in project " + run.project());
        }
        return id;
    }

    @Override
    protected void containersChanged() {
        ids = Map.of();
    }

    /** Runs a shell script inside the container of {@code service} (fixtures have a shell; most upstream images may not). */
    public ShellResult exec(String service, String script, Duration timeout) {
        return engine.exec(container(service), script, timeout);
    }

    /** Drops a sidecar whose namespace owner was restarted or recreated: the next probe starts a fresh one. */
    public void forgetSidecar(String service) {
        namespaceChanged(service);
    }

    /** The compose files this run started from: the shipped file, then the run's override. */
    public List<Path> composeFiles() {
        return composeFiles;
    }

    /**
     * Recreates one service from the run's compose texts as {@code edit} changes them — a fault: its container then
     * differs from what the run declared. Returns once Compose has started it; {@link #restore} waits for the stack.
     */
    @Override
    public void recreate(String service, UnaryOperator<List<String>> edit, Duration deadline) {
        requireDestructive("recreate " + service + " from other compose files");
        List<String> texts = composeFiles.stream().map(f -> readFile(f.toString()).orElseThrow()).toList();
        List<String> edited = edit.apply(texts);
        List<Path> files = edited.equals(texts) ? composeFiles : write(service, edited);
        compose.require(run.project(), projectDirectory, files, secrets.asEnvironment(), deadline,
                "up", "-d", "--no-deps", "--force-recreate", service);
        namespaceChanged(service);
    }

    /** Puts a recreated service back as the run declared it and waits until the stack is ready. */
    @Override
    public void restore(String service, Duration deadline) {
        recreate(service, UnaryOperator.identity(), deadline);
        awaitReady(deadline);
    }

    /** The edited texts as files beside the run's override (where a reader of the run directory finds them). */
    private List<Path> write(String service, List<String> texts) {
        List<Path> files = new ArrayList<>();
        try {
            for (int i = 0; i < texts.size(); i++) {
                Path file = composeFiles.get(1).resolveSibling("fault-" + service + "-" + i + ".yml");
                Files.writeString(file, texts.get(i));
                files.add(file);
            }
        } catch (IOException e) {
            throw new StackException("cannot write the edited compose files of " + service + ": " + e.getMessage());
        }
        return files;
    }

    public void compose(Duration timeout, String... args) {
        containersChanged();
        compose.require(run.project(), projectDirectory, composeFiles, secrets.asEnvironment(), timeout, args);
    }

    /** Why services are not ready: state plus the last health-check output of each one that is not. */
    public String diagnose() {
        StringBuilder out = new StringBuilder();
        for (InspectedContainer c : inspect()) {
            ContainerState state = ContainerState.of(c.status(), c.health());
            if (!state.ready(!c.healthcheck().isEmpty())) {
                out.append(c.service()).append('=').append(state);
                if (!c.lastHealthOutput().isEmpty()) {
                    out.append(" (last check: ").append(c.lastHealthOutput().replace('\n', ' ')).append(')');
                }
                out.append("; ");
            }
        }
        return out.length() == 0 ? "every service is ready" : out.toString();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long start = System.currentTimeMillis();
        closeSidecars();
        try {
            compose.run(run.project(), projectDirectory, composeFiles, secrets.asEnvironment(), Duration.ofMinutes(3),
                    "down", "-v", "--remove-orphans", "-t", "5");
        } catch (RuntimeException e) {
            log.accept("compose down failed: " + e.getMessage());
        }
        events.close();
        new Reaper(docker).reapRun(run.runId(), log);
        lock.close();
        PhaseClock.record("teardown", start, System.currentTimeMillis());
        log.accept("stack " + run.project() + " removed");
    }
}
