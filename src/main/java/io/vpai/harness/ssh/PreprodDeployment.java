package io.vpai.harness.ssh;

import io.vpai.harness.engine.Compose;
import io.vpai.harness.engine.ContainerState;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.engine.ShellWords;

import io.vpai.harness.inventory.InspectedContainer;
import io.vpai.harness.render.CaddyfileRenderer;
import io.vpai.harness.render.RenderedFile;
import io.vpai.harness.render.SeseComposeRenderer;
import io.vpai.harness.stack.TestSecrets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Deploys the rendered stack to a host the harness may change (preprod), the way an operator would: the rendered
 * {@code compose/} tree copied as is over SFTP to {@code <deployDirectory>/compose/}, a {@code .env} with this run's
 * secrets (mode 600, never logged), {@code compose up -d} with whichever Compose the host has, then a bounded wait
 * until every service is ready. It needs a {@link HostAccess}, so it cannot even be built for production.
 * <p>
 * An environment that cannot run the shipped images (the local preprod stand-in has no registry) adds run files
 * under {@code <deployDirectory>/run/} and names the compose overrides among them; the shipped files stay untouched.
 */
public final class PreprodDeployment {
    static final String COMPOSE_DIRECTORY = "compose";
    static final String RUN_DIRECTORY = "run";

    /** What a deploy did, for the log and the report. */
    public record Report(String composeVersion, int filesUploaded, Duration up, Duration ready) {
    }

    private final HostAccess access;
    private final List<RenderedFile> rendered;
    private final List<RenderedFile> runFiles;
    private final List<String> overrides;
    private Compose compose;
    private TestSecrets secrets;

    public PreprodDeployment(HostAccess access, List<RenderedFile> rendered) {
        this(access, rendered, List.of(), List.of());
    }

    private PreprodDeployment(HostAccess access, List<RenderedFile> rendered, List<RenderedFile> runFiles,
                              List<String> overrides) {
        this.access = access;
        this.rendered = List.copyOf(rendered);
        this.runFiles = List.copyOf(runFiles);
        this.overrides = List.copyOf(overrides);
        if (rendered.stream().noneMatch(f -> f.path().equals(SeseComposeRenderer.PATH))) {
            throw new IllegalArgumentException("the rendered files have no " + SeseComposeRenderer.PATH);
        }
        for (String override : overrides) {
            if (runFiles.stream().noneMatch(f -> f.path().equals(override))) {
                throw new IllegalArgumentException("override " + override + " is not among the run files");
            }
        }
    }

    /** Adds environment-specific files (paths relative to {@code run/}) and the overrides Compose reads after the shipped file. */
    public PreprodDeployment withRunFiles(List<RenderedFile> files, List<String> composeOverrides) {
        return new PreprodDeployment(access, rendered, files, composeOverrides);
    }

    public String directory() {
        return access.target().settings().deployDirectory();
    }

    /** Where the shipped compose file lives on the host. */
    public String composeFile() {
        return directory() + "/" + COMPOSE_DIRECTORY + "/" + SeseComposeRenderer.PATH;
    }

    public String projectDirectory() {
        return composeFile().substring(0, composeFile().lastIndexOf('/'));
    }

    public String envFile() {
        return projectDirectory() + "/.env";
    }

    /** The remote path of a run file. */
    public String runPath(String relative) {
        return directory() + "/" + RUN_DIRECTORY + "/" + relative;
    }

    /** The remote path of every rendered file, as uploaded. */
    public Map<String, RenderedFile> remoteRenderedFiles() {
        return LiveDrift.onHost(directory(), rendered);
    }

    public List<String> composeFiles() {
        List<String> files = new ArrayList<>();
        files.add(composeFile());
        overrides.forEach(o -> files.add(runPath(o)));
        return files;
    }

    /** The compose texts in the order Compose reads them: the shipped file, then the overrides. */
    public List<String> composeTexts() {
        List<String> texts = new ArrayList<>();
        rendered.stream().filter(f -> f.path().equals(SeseComposeRenderer.PATH)).forEach(f -> texts.add(f.content()));
        overrides.forEach(o -> runFiles.stream().filter(f -> f.path().equals(o)).forEach(f -> texts.add(f.content())));
        return texts;
    }

    /** This run's secret values, so a caller can assert none of them leaked into logs or reports. */
    public Collection<String> secretValues() {
        return secrets == null ? List.of() : secrets.values();
    }

    public Report deploy(Duration upTimeout, Duration readyDeadline, Consumer<String> log) {
        SshTarget target = access.target();
        Duration timeout = target.settings().commandTimeout();
        remoteRenderedFiles().forEach((path, file) -> access.write(path, file.bytes(), file.executable() ? 0755 : 0644));
        runFiles.forEach(file -> access.write(runPath(file.path()), file.bytes(), 0644));
        secrets = TestSecrets.forCompose(String.join("\n", composeTexts()), Map.of());
        target.expectCompose(composeTexts());
        // An environment that mounts its own file for the Caddyfile to import (test TLS) ships it as a run file of that name.
        runFiles.stream().filter(f -> f.path().equals(CaddyfileRenderer.ENVIRONMENT_FILE)).findFirst()
                .ifPresent(f -> target.expectCaddyEnvironment(f.content()));
        EnvFile env = new EnvFile(secrets);
        access.write(envFile(), env.bytes(), EnvFile.MODE);
        int uploaded = rendered.size() + runFiles.size() + 1;
        log.accept("uploaded " + uploaded + " files to " + directory() + " on " + target.shell().describe() + " (" + env + ")");

        compose = Compose.detect(target.shell(), timeout);
        log.accept("compose on the host: " + compose.version() + "; project " + target.settings().project());
        target.markEventClock();
        long start = System.nanoTime();
        try {
            access.run(composeCommand("up", "-d"), upTimeout, "compose up the stack");
        } catch (SshException e) {
            throw new SshException(e.getMessage() + "; not ready: " + notReady(target), e);
        }
        Duration up = Duration.ofNanos(System.nanoTime() - start);
        target.awaitReady(readyDeadline, log);
        Duration ready = Duration.ofNanos(System.nanoTime() - start);
        return new Report(compose.version(), uploaded, up, ready);
    }

    /** Each service that is not ready, its state and the last health-check output: why {@code up} gave up. */
    private static String notReady(SshTarget target) {
        try {
            List<String> lines = new ArrayList<>();
            for (InspectedContainer c : target.inspect()) {
                ContainerState state = ContainerState.of(c.status(), c.health());
                boolean ready = state.ready(target.model().service(c.service()).flatMap(s -> s.healthCheck()).isPresent());
                if (!ready) {
                    lines.add(c.service() + " " + c.state() + (c.lastHealthOutput().isEmpty() ? ""
                            : " (health check: " + c.lastHealthOutput() + ")"));
                }
            }
            return lines.isEmpty() ? "none" : String.join("; ", lines);
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** {@code compose down -v}, then the secrets file goes. Safe to call after a failed or partial deploy. */
    public void tearDown(Duration timeout, Consumer<String> log) {
        SshTarget target = access.target();
        if (compose == null) {
            compose = Compose.detect(target.shell(), target.settings().commandTimeout());
        }
        ShellResult down = target.shell().run(composeCommand("down", "-v", "--remove-orphans", "-t", "5"), timeout);
        log.accept("compose down " + target.settings().project() + ": exit " + down.exitCode()
                + (down.ok() ? "" : " (" + down.tail(3) + ")"));
        target.shell().run("rm -f " + ShellWords.quote(envFile()), target.settings().commandTimeout());
    }

    private String composeCommand(String... args) {
        return compose.command(access.target().settings().project(), projectDirectory(), composeFiles(), envFile(), args);
    }
}
