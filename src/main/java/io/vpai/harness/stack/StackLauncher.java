package io.vpai.harness.stack;

import io.vpai.harness.engine.DockerEngine;
import io.vpai.harness.engine.EventFeed;
import io.vpai.harness.engine.LocalShell;

import com.github.dockerjava.api.DockerClient;
import io.vpai.harness.environment.ContainerEnvironment;
import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.environment.ImageSource;
import io.vpai.harness.images.OfflineImages;
import io.vpai.harness.mesh.MeshJoin;
import io.vpai.harness.report.PhaseClock;
import io.vpai.harness.model.Stack;
import io.vpai.harness.render.CaddyfileRenderer;
import io.vpai.harness.render.SeseComposeRenderer;
import io.vpai.harness.render.TlsMode;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Brings the rendered stack up in Docker: reap leftovers, build or pick images, write the run's
 * override and fixture configs, {@code compose up -d}, then wait for health while telling what
 * waits on what. The production compose file under {@code compose/} is used as shipped.
 */
public final class StackLauncher {
    /** The phase every bring-up logs (the nightly's benchmark reads it as "a stack was brought up"). */
    public static final String COMPOSE_UP_PHASE = "bring-up: compose up";
    /** The part of the mesh join still running once the stack is healthy (the join starts beside compose up). */
    static final String MESH_JOIN_PHASE = "bring-up: mesh join, after the stack was healthy";
    private static final Duration JOIN_SETTLE = Duration.ofSeconds(30);
    /** The shipped folder Headscale reads its config.yaml from. */
    public static final String HEADSCALE_CONFIG = "seko-vpn/headscale/config";
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration READY_DEADLINE = Duration.ofMinutes(4);

    private StackLauncher() {
    }

    public static RunningStack launch(Path projectRoot, Stack model, ContainerEnvironment env, Consumer<String> log) {
        DockerClient docker = DockerClientFactory.instance().client();
        MachineLock lock = MachineLock.acquire(Duration.ofMinutes(30), log);
        try {
            new Reaper(docker).reapAll(log);
            return start(projectRoot, model, env, docker, lock, log);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * The files one run starts the stack from, written before anything starts: the shipped compose
     * file, the run's override and the configs it mounts. The bring-up benchmark starts a plain
     * {@code docker-compose up} from exactly these, to compare the harness with the raw tool.
     * {@code composeText} is the text of every compose file of the run (shipped file, then override).
     */
    public record RunFiles(RunLabels run, Path runDir, Path projectDirectory, List<Path> composeFiles,
                           String composeText, String probeImage) {
        public RunFiles {
            composeFiles = List.copyOf(composeFiles);
        }
    }

    /** Picks or builds the images and writes a fresh run's override and mounted configs; starts nothing. */
    public static RunFiles prepare(Path projectRoot, Stack model, ContainerEnvironment env, Consumer<String> log) {
        RunLabels run = RunLabels.fresh();
        Path composeRoot = projectRoot.resolve("compose");
        Path projectDirectory = composeRoot.resolve("sese-ai");
        Path composeFile = composeRoot.resolve(SeseComposeRenderer.PATH);
        Path runDir = projectRoot.resolve("target/vpai-run").resolve(run.runId());

        Function<ImageSource, String> images = imageResolver(projectRoot, env, log);
        String override;
        OverrideFile.Mounts mounts = new OverrideFile.Mounts(runDir.resolve(CaddyfileRenderer.FILE),
                runDir.resolve(CaddyfileRenderer.ENVIRONMENT_FILE), runDir.resolve("headscale-config"),
                runDir.resolve("unbound-public.conf"));
        String composeText;
        try {
            Files.createDirectories(runDir);
            composeText = Files.readString(composeFile);
            // The shipped Caddyfile byte for byte; only the file it imports is this environment's.
            Files.copy(composeRoot.resolve(CaddyfileRenderer.PATH), mounts.caddyfile());
            Files.writeString(mounts.caddyEnvironment(),
                    CaddyfileRenderer.environmentFile(model, TlsMode.valueOf(env.tls().name())));
            copyShipped(composeRoot.resolve(HEADSCALE_CONFIG), mounts.headscaleConfig());
            Files.writeString(mounts.publicResolver(),
                    ResolverConfig.unbound(model.dns().domain(), model.dns().publicRecords()));
            override = OverrideFile.render(model, env, images, run, mounts, null);
            Files.writeString(runDir.resolve("docker-compose.override.yml"), override);
        } catch (IOException e) {
            throw new StackException("cannot prepare run directory " + runDir + ": " + e.getMessage());
        }
        // The override references variables too (the S3 fixture's credentials), so composeText holds both
        // files: whoever fills the variables (TestSecrets.forCompose) sees every reference.
        return new RunFiles(run, runDir, projectDirectory,
                List.of(composeFile, runDir.resolve("docker-compose.override.yml")), composeText + "\n" + override,
                images.apply(new ImageSource.Build("probe", Fidelity.REAL)));
    }

    /**
     * A byte-for-byte copy of a shipped folder: what runs is what ships, and a fault spec that edits the copy
     * (a changed {@code extra_record}) can never leave {@code compose/} edited.
     */
    public static void copyShipped(Path shipped, Path copy) throws IOException {
        Files.createDirectories(copy);
        try (var files = Files.list(shipped)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static RunningStack start(Path projectRoot, Stack model, ContainerEnvironment env, DockerClient docker,
                                      MachineLock lock, Consumer<String> log) {
        RunFiles files = PhaseClock.time("bring-up: images and run files", () -> prepare(projectRoot, model, env, log));
        RunLabels run = files.run();
        ComposeCli compose = ComposeCli.detect();
        log.accept("compose: " + compose.version() + "; project " + run.project() + "; run files in " + files.runDir());
        TestSecrets secrets = TestSecrets.forCompose(files.composeText(), Map.of());
        DockerEngine engine = new DockerEngine(new LocalShell(), Duration.ofSeconds(30));
        EventFeed events = EventFeed.start(engine.shell(), engine, run.project(), engine.now());
        RunningStack stack = new RunningStack(docker, engine, compose, model, env, run, files.projectDirectory(),
                files.composeFiles(), secrets, events, files.probeImage(), lock, log);
        Thread teardown = new Thread(stack::close, "vpai-teardown");
        Runtime.getRuntime().addShutdownHook(teardown);
        // The mesh joins beside compose up, once its fixtures are healthy: they depend on nothing and nothing
        // Compose starts depends on them, so the join (5-8 s) no longer waits for the applications' chain.
        AtomicBoolean abandoned = new AtomicBoolean();
        CompletableFuture<Void> joined = CompletableFuture.runAsync(() -> new MeshJoin(engine, run.project(), model, log)
                .joinOnceReady(env.fixtures(), READY_DEADLINE, abandoned::get), task -> {
                    Thread thread = new Thread(task, "vpai-mesh-join");
                    thread.setDaemon(true);
                    thread.start();
                });
        try {
            PhaseClock.time(COMPOSE_UP_PHASE, () -> stack.compose(UP_TIMEOUT, "up", "-d", "--no-build"));
            PhaseClock.time("bring-up: until healthy", () -> stack.awaitReady(READY_DEADLINE));
            PhaseClock.time(MESH_JOIN_PHASE, () -> awaitJoin(joined));
        } catch (RuntimeException e) {
            abandoned.set(true);
            settle(joined);
            String diagnosis;
            try {
                diagnosis = stack.diagnose();
            } catch (RuntimeException unreadable) {
                diagnosis = "unknown (" + unreadable.getMessage() + ")";
            } finally {
                stack.close();
            }
            Runtime.getRuntime().removeShutdownHook(teardown);
            throw new StackException(e.getMessage() + "\nstate: " + diagnosis);
        }
        return stack;
    }

    /** Rethrows what failed the join as itself, not wrapped. */
    private static void awaitJoin(CompletableFuture<Void> joined) {
        try {
            joined.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Lets an abandoned join end its current step before the teardown removes its containers. */
    private static void settle(CompletableFuture<Void> joined) {
        try {
            joined.get(JOIN_SETTLE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The bring-up's own failure is the one reported; the join's, if any, follows from it.
        }
    }

    private static Function<ImageSource, String> imageResolver(Path projectRoot, ContainerEnvironment env,
                                                               Consumer<String> log) {
        OfflineImages[] built = new OfflineImages[1];
        return source -> {
            if (source instanceof ImageSource.Pull pull) {
                return pull.reference();
            }
            if (built[0] == null) {
                built[0] = OfflineImages.ensureBuilt(projectRoot, log);
            }
            return built[0].image(((ImageSource.Build) source).logicalImage());
        };
    }
}
