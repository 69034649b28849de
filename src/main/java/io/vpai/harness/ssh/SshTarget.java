package io.vpai.harness.ssh;

import io.vpai.harness.engine.ContainerEvent;
import io.vpai.harness.engine.DockerEngine;
import io.vpai.harness.engine.EventFeed;
import io.vpai.harness.engine.Shell;
import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.environment.SshEndpoint;
import io.vpai.harness.environment.SshEnvironment;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Network;
import io.vpai.harness.model.Stack;
import io.vpai.harness.render.CaddyFiles;
import io.vpai.harness.render.CaddyfileRenderer;
import io.vpai.harness.render.RenderAll;
import io.vpai.harness.render.RenderedFile;
import io.vpai.harness.render.SeseComposeRenderer;
import io.vpai.harness.render.TlsMode;
import io.vpai.harness.stack.RunLabels;
import io.vpai.harness.target.EngineTarget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static io.vpai.harness.engine.ShellWords.quote;

/**
 * A deployed host as specs see it: the {@link EngineTarget} over an SSH connection, so every spec runs against it
 * as it runs against the container stack. Everything here reads; what changes the host goes through
 * {@link #destructive()}, which is empty for a read-only endpoint and always for production. The probe sidecars are
 * the one thing a read-only check adds to a host: labelled containers, removed on {@link #close()}.
 */
public final class SshTarget extends EngineTarget implements AutoCloseable {
    /** Marks the harness's probe sidecars on a host, so a later run removes what a killed one left. */
    static final String PROBE_LABEL = "io.vpai.harness.probe-for";

    private final SshEndpoint endpoint;
    private final SshSettings settings;
    private final Shell shell;
    private EventFeed events;
    private volatile List<String> expectedCompose;
    private volatile String expectedCaddyEnvironment;

    private SshTarget(SshEndpoint endpoint, Stack model, SshSettings settings, Shell shell, Consumer<String> log) {
        super(new DockerEngine(shell, settings.commandTimeout()), model, settings.project(), settings.probeImage(),
                "vpai-harness-probe-" + settings.project() + "-" + Long.toString(System.nanoTime() & 0xffffffL, 36),
                Map.of(RunLabels.HARNESS, "true", PROBE_LABEL, settings.project()), log);
        this.endpoint = endpoint;
        this.settings = settings;
        this.shell = shell;
    }

    /** Connects (pinned host key, key login) and starts the event clock at the host's current time. */
    public static SshTarget connect(SshEndpoint endpoint, Stack model, SshSettings settings) {
        SshConnection connection = SshConnection.open(endpoint, settings.connectTimeout(), settings.handshakeTimeout());
        SshTarget target = new SshTarget(endpoint, model, settings, connection, line -> { });
        try {
            target.markEventClock();
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        return target;
    }

    /** Over another shell: a test's recording one, or a connection ship opened (ship needs no event reader). */
    public static SshTarget over(Shell shell, SshEndpoint endpoint, Stack model, SshSettings settings) {
        return new SshTarget(endpoint, model, settings, shell, line -> { });
    }

    @Override
    public String name() {
        return endpoint.environment();
    }

    public SshEndpoint endpoint() {
        return endpoint;
    }

    public SshSettings settings() {
        return settings;
    }

    /** Writable only where the endpoint allows destructive specs, and never production, whatever its flag says. */
    @Override
    protected boolean writable() {
        return endpoint.destructiveAllowed() && !SshEnvironment.PRODUCTION.equals(endpoint.environment());
    }

    @Override
    public Fidelity fidelity(String service) {
        return settings.fidelity(service);
    }

    @Override
    public Optional<Fixtures> fixtures() {
        return settings.fixtures();
    }

    /** The stack's own networks, which exist on the host where the probes run; plus fixtures the harness deployed there. */
    @Override
    public List<Cidr> probeableNetworks() {
        List<Cidr> networks = new ArrayList<>(model.networks().stream().map(Network::subnet).toList());
        settings.fixtures().ifPresent(f -> networks.add(f.internet().subnet()));
        return List.copyOf(networks);
    }

    /** What was deployed here ({@link #expectCompose}), or else the shipped file as rendered from the model. */
    @Override
    public List<String> expectedCompose() {
        List<String> deployed = expectedCompose;
        if (deployed != null) {
            return deployed;
        }
        return RenderAll.render(model).stream().filter(f -> f.path().equals(SeseComposeRenderer.PATH))
                .map(RenderedFile::content).toList();
    }

    /** Set by the deploy: the shipped file and the environment's overrides, as uploaded. */
    public void expectCompose(List<String> texts) {
        expectedCompose = List.copyOf(texts);
    }

    /**
     * Hosts run the shipped Caddyfile and, unless the deploy mounted the environment's own over it
     * ({@link #expectCaddyEnvironment}), the shipped file it imports.
     */
    @Override
    public CaddyFiles expectedCaddyFiles() {
        CaddyFiles shipped = CaddyfileRenderer.files(model, TlsMode.DNS01_OVH);
        String mounted = expectedCaddyEnvironment;
        return mounted != null ? new CaddyFiles(shipped.caddyfile(), mounted) : shipped;
    }

    public void expectCaddyEnvironment(String text) {
        expectedCaddyEnvironment = text;
    }

    /** The project's container events since the target connected, or since the last {@link #markEventClock()}. */
    @Override
    public synchronized List<ContainerEvent> events() {
        if (events == null) {
            markEventClock();
        }
        return events.events();
    }

    /** From now on, {@link #events()} reports what happens next (a deploy calls this just before {@code up}). */
    public synchronized void markEventClock() {
        if (events != null) {
            events.close();
        }
        events = EventFeed.start(shell, engine, settings.project(), engine.now());
    }

    /** Permission bits of a file on the host in octal ({@code 600}); empty when it does not exist. Read-only. */
    public Optional<String> fileMode(String path) {
        var result = shell.run("if [ -e " + quote(path) + " ]; then stat -c %a " + quote(path) + "; else exit 3; fi",
                settings.commandTimeout());
        if (result.exitCode() == 3) {
            return Optional.empty();
        }
        if (!result.ok()) {
            throw new SshException(shell.describe() + ": cannot stat " + path + ": " + result.tail(3));
        }
        return Optional.of(result.stdout().strip());
    }

    /** SHA-256 of files on the host, by path; a missing file maps to {@code missing}. Read-only. */
    public Map<String, String> sha256(List<String> paths) {
        Map<String, String> digests = new TreeMap<>();
        if (paths.isEmpty()) {
            return digests;
        }
        String script = paths.stream().map(p -> "if [ -f " + quote(p) + " ]; then sha256sum < " + quote(p)
                + " | cut -d' ' -f1; else echo missing; fi").collect(Collectors.joining("; "));
        List<String> lines = engine.require(script, "hash the deployed files").stdout().lines().toList();
        if (lines.size() != paths.size()) {
            throw new SshException(shell.describe() + ": expected " + paths.size() + " digests, got " + lines.size());
        }
        for (int i = 0; i < paths.size(); i++) {
            digests.put(paths.get(i), lines.get(i).strip());
        }
        return digests;
    }

    /** Waits until every model service is ready, logging to {@code log} as the picture changes. */
    public void awaitReady(Duration deadline, Consumer<String> log) {
        engine.awaitReady(model, settings.project(), deadline, log);
    }

    Shell shell() {
        return shell;
    }

    /** Removes the probe sidecars and closes the connection; the stack itself is left as it was. */
    @Override
    public void close() {
        try {
            closeSidecars();
        } finally {
            synchronized (this) {
                if (events != null) {
                    events.close();
                }
            }
            shell.close();
        }
    }

    @Override
    public String toString() {
        return "SshTarget[" + shell.describe() + ", project " + settings.project() + "]";
    }
}
