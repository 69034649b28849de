package io.vpai.harness.ssh;

import io.vpai.harness.inventory.InspectedContainer;
import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.environment.SshEndpoint;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Network;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.render.SeseComposeRenderer;
import io.vpai.harness.render.RenderedFile;
import io.vpai.harness.render.CaddyfileRenderer;
import io.vpai.harness.render.RenderAll;
import io.vpai.harness.render.TlsMode;
import io.vpai.harness.stack.ContainerEvent;
import io.vpai.harness.stack.ProcessRunner;
import io.vpai.harness.stack.RunLabels;
import io.vpai.harness.target.Target;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.vpai.harness.ssh.ShellWords.quote;

/**
 * A deployed host as specs see it: the same {@link Target} the container environment gives, observed over SSH
 * through the host's docker CLI. Probes run in sidecars started on the host with
 * {@code docker run --network container:<id>}, so they see exactly what the service sees.
 * <p>
 * Everything here reads. What changes the host — restart, deploy, seeding, teardown — lives on
 * {@link DestructiveAccess}, which {@link #destructive()} hands out only for an environment that allows it:
 * for production there is no object to call those methods on. The probe sidecars are the one thing a read-only
 * check adds to a host: labelled containers in no stack network of their own, removed on {@link #close()}.
 */
public final class SshTarget implements Target, AutoCloseable {
    /** Marks the harness's probe sidecars on a host, so a later run removes what a killed one left. */
    static final String PROBE_LABEL = "io.vpai.harness.probe-for";
    /** A sidecar outlives a vanished JVM by this much at most: it runs {@code sleep} this long, with {@code --rm}. */
    static final Duration SIDECAR_LIFETIME = Duration.ofHours(6);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private final SshEndpoint endpoint;
    private final Stack model;
    private final SshSettings settings;
    private final RemoteShell shell;
    private final RemoteDocker docker;
    private final Map<String, String> sidecars = new ConcurrentHashMap<>();
    /** Tells this target's sidecars from another's on the same host (two checks at once, or a rehearsal). */
    private final String instance = Long.toString(System.nanoTime() & 0xffffffL, 36);
    private volatile boolean probeImageChecked;
    private EventFeed events;
    private volatile List<String> expectedCompose;
    private volatile String expectedCaddyfile;

    private SshTarget(SshEndpoint endpoint, Stack model, SshSettings settings, RemoteShell shell) {
        this.endpoint = endpoint;
        this.model = model;
        this.settings = settings;
        this.shell = shell;
        this.docker = new RemoteDocker(shell, settings.commandTimeout());
    }

    /** Connects (pinned host key, key login) and starts the event clock at the host's current time. */
    public static SshTarget connect(SshEndpoint endpoint, Stack model, SshSettings settings) {
        SshConnection connection = SshConnection.open(endpoint, settings.connectTimeout(), settings.handshakeTimeout());
        SshTarget target = new SshTarget(endpoint, model, settings, connection);
        try {
            target.markEventClock();
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        return target;
    }

    /** Over another shell: for tests that must prove a target never ran a command (production refusal). */
    public static SshTarget over(RemoteShell shell, SshEndpoint endpoint, Stack model, SshSettings settings) {
        return new SshTarget(endpoint, model, settings, shell);
    }

    @Override
    public String name() {
        return endpoint.environment();
    }

    @Override
    public Stack model() {
        return model;
    }

    public SshEndpoint endpoint() {
        return endpoint;
    }

    public SshSettings settings() {
        return settings;
    }

    /**
     * The capability to change this host, or nothing: empty for an endpoint whose environment is read-only, and
     * always empty for production, whatever its flag says.
     */
    public Optional<DestructiveAccess> destructive() {
        return DestructiveAccess.grant(endpoint, this);
    }

    @Override
    public boolean destructiveAllowed() {
        return destructive().isPresent();
    }

    /** Refused on a read-only host before anything is sent to it. */
    @Override
    public void restart(String service, Duration deadline) {
        destructive().orElseThrow(() -> new DestructiveRefused(name(), "restart " + service)).restart(service, deadline);
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
        settings.fixtures().ifPresent(f -> {
            networks.add(f.tailnet().subnet());
            networks.add(f.internet().subnet());
        });
        return List.copyOf(networks);
    }

    /** Every model service (absent if it has no container) and every other service of the project, to its state. */
    @Override
    public Map<String, String> states() {
        Map<String, String> states = new TreeMap<>();
        model.services().forEach(s -> states.put(s.name(), "absent"));
        for (InspectedContainer c : containers()) {
            if (!c.service().isEmpty() && (c.running() || "absent".equals(states.getOrDefault(c.service(), "absent")))) {
                states.put(c.service(), c.state());
            }
        }
        return states;
    }

    /** The project's containers as {@code docker inspect} on the host describes them. */
    public List<InspectedContainer> containers() {
        return docker.containers(settings.project());
    }

    @Override
    public List<InspectedContainer> inspect() {
        return containers();
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

    /** Hosts run the shipped Caddyfile, unless the deploy mounted the environment's own ({@link #expectCaddyfile}). */
    @Override
    public String expectedCaddyfile() {
        String mounted = expectedCaddyfile;
        return mounted != null ? mounted : new CaddyfileRenderer(TlsMode.DNS01_OVH).caddyfile(model);
    }

    public void expectCaddyfile(String text) {
        expectedCaddyfile = text;
    }

    @Override
    public String project() {
        return settings.project();
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
        events = EventFeed.start(shell, docker, settings.project(), docker.now());
    }

    @Override
    public ProcessRunner.Result probeFrom(String service, String script, Duration timeout) {
        String sidecar = sidecars.computeIfAbsent(service, this::startSidecar);
        RemoteResult result = shell.run("docker exec -i " + quote(sidecar) + " bash -s", script, timeout);
        if (!result.ok() && (result.stderr().contains("is not running") || result.stderr().contains("No such container"))) {
            // the service was recreated and took the sidecar's namespace with it: one fresh sidecar, one retry
            forgetSidecar(service);
            sidecar = sidecars.computeIfAbsent(service, this::startSidecar);
            result = shell.run("docker exec -i " + quote(sidecar) + " bash -s", script, timeout);
        }
        return result.merged();
    }

    /** The running container of {@code service} in the project. */
    public String container(String service) {
        return containers().stream().filter(c -> c.service().equals(service) && c.running()).map(InspectedContainer::id)
                .findFirst().orElseThrow(() -> new SshException(shell.describe() + ": service '" + service
                        + "' has no running container in project " + settings.project()));
    }

    /**
     * Rows in one table, read in a read-only transaction ({@code default_transaction_read_only}), so even this query
     * cannot write: the seeded-data smoke check. Identifiers are checked, then quoted.
     *
     * @return the count, or empty when the table does not exist
     */
    public Optional<Long> countRows(String postgresService, String user, String database, String table) {
        for (String identifier : List.of(user, database, table)) {
            if (!IDENTIFIER.matcher(identifier).matches()) {
                throw new IllegalArgumentException("'" + identifier + "' is not a plain SQL identifier (" + IDENTIFIER + ")");
            }
        }
        String psql = "docker exec -e " + quote("PGOPTIONS=-c default_transaction_read_only=on") + " "
                + quote(container(postgresService)) + " psql -U " + quote(user) + " -d " + quote(database)
                + " -v ON_ERROR_STOP=1 -Atc ";
        String exists = docker.require(psql + quote("SELECT to_regclass('public.\"" + table + "\"') IS NOT NULL"),
                "look up table " + database + "." + table).stdout().strip();
        if (!exists.equals("t")) {
            return Optional.empty();
        }
        String count = docker.require(psql + quote("SELECT count(*) FROM public.\"" + table + "\""),
                "count rows of " + database + "." + table).stdout().strip();
        return Optional.of(Long.parseLong(count));
    }

    /** A text file on the host (the seed manifest, say); empty when it does not exist. Read-only. */
    @Override
    public Optional<String> readFile(String path) {
        RemoteResult result = shell.run("if [ -f " + quote(path) + " ]; then cat " + quote(path) + "; else exit 3; fi",
                settings.commandTimeout());
        if (result.exitCode() == 3) {
            return Optional.empty();
        }
        if (!result.ok()) {
            throw new SshException(shell.describe() + ": cannot read " + path + " (exit " + result.exitCode() + "): "
                    + result.tail(3));
        }
        return Optional.of(result.stdout());
    }

    /** Permission bits of a file on the host in octal ({@code 600}); empty when it does not exist. Read-only. */
    public Optional<String> fileMode(String path) {
        RemoteResult result = shell.run("if [ -e " + quote(path) + " ]; then stat -c %a " + quote(path) + "; else exit 3; fi",
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
        List<String> lines = docker.require(script, "hash the deployed files").stdout().lines().toList();
        if (lines.size() != paths.size()) {
            throw new SshException(shell.describe() + ": expected " + paths.size() + " digests, got " + lines.size());
        }
        for (int i = 0; i < paths.size(); i++) {
            digests.put(paths.get(i), lines.get(i).strip());
        }
        return digests;
    }

    /**
     * Polls states until every model service is ready (healthy, or running where it has no health check), or the
     * deadline passes: then fails naming each waiting service, its state, the project and the environment.
     */
    public void awaitReady(Duration deadline, Consumer<String> log) {
        Instant end = Instant.now().plus(deadline);
        String last = "";
        while (true) {
            Map<String, String> states = states();
            List<String> waiting = model.services().stream().filter(s -> !ready(s, states.get(s.name())))
                    .map(s -> s.name() + " (" + states.get(s.name()) + ")").toList();
            if (waiting.isEmpty()) {
                log.accept("all " + model.services().size() + " services of " + settings.project() + " ready on "
                        + shell.describe());
                return;
            }
            String picture = "waiting: " + String.join(", ", waiting);
            if (!picture.equals(last)) {
                log.accept(picture);
                last = picture;
            }
            if (Instant.now().isAfter(end)) {
                throw new SshException(shell.describe() + ": project " + settings.project() + " not ready after "
                        + SshConnection.seconds(deadline) + "; " + picture);
            }
            sleep(1000);
        }
    }

    static boolean ready(Service service, String state) {
        return service.healthCheck().isPresent() ? "healthy".equals(state)
                : "healthy".equals(state) || "running".equals(state);
    }

    /** Drops the probe sidecar of {@code service} (its namespace owner was recreated). */
    public void forgetSidecar(String service) {
        String id = sidecars.remove(service);
        if (id != null) {
            shell.run("docker rm -f " + quote(id), settings.commandTimeout());
        }
    }

    RemoteShell shell() {
        return shell;
    }

    RemoteDocker docker() {
        return docker;
    }

    private String startSidecar(String service) {
        String owner = container(service);
        if (!probeImageChecked) {
            if (!docker.imagePresent(settings.probeImage())) {
                throw new SshException(shell.describe() + ": the probe image " + settings.probeImage()
                        + " is not on the host; load it there (docker save " + settings.probeImage()
                        + " | ssh HOST docker load) or name another with -Dvpai.ssh.probeImage");
            }
            probeImageChecked = true;
        }
        String name = "vpai-harness-probe-" + settings.project() + "-" + service + "-" + instance;
        RemoteResult started = docker.require("docker rm -f " + quote(name) + " >/dev/null 2>&1; docker run -d --rm --name "
                + quote(name) + " --label " + quote(RunLabels.HARNESS + "=true") + " --label "
                + quote(PROBE_LABEL + "=" + settings.project()) + " --network " + quote("container:" + owner) + " "
                + quote(settings.probeImage()) + " sleep " + SIDECAR_LIFETIME.toSeconds(), "start a probe sidecar for " + service);
        return started.stdout().strip();
    }

    /** Removes the probe sidecars and closes the connection; the stack itself is left as it was. */
    @Override
    public void close() {
        try {
            if (!sidecars.isEmpty()) {
                shell.run("docker rm -f " + ShellWords.join(List.copyOf(sidecars.values())) + " >/dev/null",
                        settings.commandTimeout());
            }
        } catch (RuntimeException e) {
            // the connection may be gone; the labels let the next run find them
        } finally {
            sidecars.clear();
            synchronized (this) {
                if (events != null) {
                    events.close();
                }
            }
            shell.close();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("interrupted while waiting for the stack to be ready");
        }
    }

    @Override
    public String toString() {
        return "SshTarget[" + shell.describe() + ", project " + settings.project() + "]";
    }
}
