package io.vpai.harness.bench;

import com.github.dockerjava.api.DockerClient;
import io.vpai.harness.environment.ContainerEnvironment;
import io.vpai.harness.environment.Environment;
import io.vpai.harness.environment.Environments;
import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.images.OfflineImages;
import io.vpai.harness.model.ModelValidator;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.stack.ComposeCli;
import io.vpai.harness.engine.DockerEngine;
import io.vpai.harness.engine.EventFeed;
import io.vpai.harness.engine.LocalShell;
import io.vpai.harness.stack.MachineLock;
import io.vpai.harness.stack.Reaper;
import io.vpai.harness.stack.RunningStack;
import io.vpai.harness.stack.StackLauncher;
import io.vpai.harness.stack.StackLauncher.RunFiles;
import io.vpai.harness.stack.TestSecrets;
import io.vpai.harness.startup.Moments;
import io.vpai.harness.startup.StartupFigures;
import io.vpai.harness.startup.StartupTimeline;
import org.testcontainers.DockerClientFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much the harness adds to bringing the stack up. Each round times (a) {@code StackLauncher.launch}
 * to all-healthy, and (b) the raw tool on the same rendered files: {@code docker-compose up -d} plus a
 * {@code docker inspect} loop. The order alternates between rounds so neither side always runs warm.
 * From the events of every bring-up it also reports the stack's own startup next to the critical path
 * of its dependency graph. Goal: harness / raw ≤ 1.10 (medians).
 *
 * <p>Options (system properties, so the CLI signature stays {@code bench bringup}):
 * {@code -Dvpai.bench.rounds=3} (1..5), {@code -Dvpai.bench.healthInterval=500ms} (overrides the
 * environment's healthInterval for every bring-up of this benchmark).
 */
final class BringUpBenchmark {
    static final double GOAL = 1.10;
    private static final int DEFAULT_ROUNDS = 3;
    private static final int MAX_ROUNDS = 5;
    private static final Duration RAW_DEADLINE = Duration.ofMinutes(4);
    private static final Pattern INTERVAL = Pattern.compile("(\\d+)(ms|s)");

    private BringUpBenchmark() {
    }

    /** One bring-up's figures. */
    record Sample(String mode, Duration toHealthy, Duration teardown, StartupFigures stack) {
    }

    static int run(Path projectRoot) {
        if (!"true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
            System.err.println("bench bringup: set TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_CHECKS_DISABLE=true"
                    + " TESTCONTAINERS_HOST_OVERRIDE=localhost (as the pom does for tests): otherwise Testcontainers"
                    + " starts Ryuk, whose image no registry here can serve");
            return 2;
        }
        Stack model = ModelValidator.validate(VpaiStack.model());
        Environment loaded = Environments.selected(projectRoot, model);
        if (!(loaded instanceof ContainerEnvironment env0)) {
            System.err.println("bench bringup: environment '" + loaded.name() + "' is not a container environment");
            return 2;
        }
        ContainerEnvironment env = intervalOverride().map(env0::withHealthInterval).orElse(env0);
        int rounds = rounds();
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        Consumer<String> log = progress::add;
        System.out.printf("bench bringup: environment %s, healthInterval %d ms, %d rounds (harness and raw alternate)%n",
                env.name(), env.healthInterval().toMillis(), rounds);

        // Builds (or finds) the images before any timing, so the first harness leg is not charged for a build.
        OfflineImages.ensureBuilt(projectRoot, log);
        List<Sample> harness = new ArrayList<>();
        List<Sample> raw = new ArrayList<>();
        try {
            for (int round = 1; round <= rounds; round++) {
                boolean harnessFirst = round % 2 == 1;
                for (int leg = 0; leg < 2; leg++) {
                    boolean harnessLeg = (leg == 0) == harnessFirst;
                    Sample sample = leg(projectRoot, model, env, harnessLeg, progress, log);
                    (harnessLeg ? harness : raw).add(sample);
                    System.out.printf(Locale.ROOT, "  round %d %-7s to all healthy %s (stack: %s; teardown %s)%n",
                            round, sample.mode(), Moments.seconds(sample.toHealthy()),
                            sample.stack().observed().map(Moments::seconds).orElse("n/a"),
                            Moments.seconds(sample.teardown()));
                }
            }
        } catch (RuntimeException e) {
            System.out.println("bench bringup FAILED: " + e.getMessage());
            int from = Math.max(0, progress.size() - 8);
            progress.subList(from, progress.size()).forEach(line -> System.out.println("    " + line));
            return 1;
        }
        report(model, env, harness, raw);
        return 0;
    }

    /**
     * One timed bring-up. The harness's launch takes the machine lock itself, so time spent waiting for
     * a colleague's run would count as harness time: such a sample is thrown away and the leg run again.
     */
    private static Sample leg(Path root, Stack model, ContainerEnvironment env, boolean harnessLeg,
                              List<String> progress, Consumer<String> log) {
        for (int attempt = 1; ; attempt++) {
            MachineLock.acquire(Duration.ofMinutes(30), log).close(); // wait here, untimed, for a run in progress
            progress.clear();
            Sample sample = harnessLeg ? harness(root, model, env, log) : raw(root, model, env, log);
            boolean waited = progress.stream().anyMatch(line -> line.startsWith("another harness run holds"));
            if (!harnessLeg || !waited || attempt == 3) {
                return sample;
            }
            System.out.println("  (another run held the machine lock during this leg: sample discarded, repeated)");
        }
    }

    private static Sample harness(Path root, Stack model, ContainerEnvironment env, Consumer<String> log) {
        long start = System.nanoTime();
        RunningStack stack = StackLauncher.launch(root, model, env, log);
        Duration toHealthy = Duration.ofNanos(System.nanoTime() - start);
        StartupFigures figures = StartupFigures.of(model, StartupTimeline.from(stack.events()));
        long down = System.nanoTime();
        stack.close();
        return new Sample("harness", toHealthy, Duration.ofNanos(System.nanoTime() - down), figures);
    }

    /** Same lock, same reaping and the same prepared files as the harness; only up-to-healthy is timed. */
    private static Sample raw(Path root, Stack model, ContainerEnvironment env, Consumer<String> log) {
        DockerClient docker = DockerClientFactory.instance().client();
        try (MachineLock lock = MachineLock.acquire(Duration.ofMinutes(30), log)) {
            new Reaper(docker).reapAll(log);
            RunFiles files = StackLauncher.prepare(root, model, env, log);
            TestSecrets secrets = TestSecrets.forCompose(files.composeText(), Map.of());
            RawBringUp rawUp = new RawBringUp(root, files, secrets.asEnvironment(),
                    RawBringUp.typed(ComposeCli.detect()));
            DockerEngine engine = new DockerEngine(new LocalShell(), Duration.ofSeconds(30));
            EventFeed events = EventFeed.start(engine.shell(), engine, files.run().project(), engine.now());
            Duration toHealthy;
            Duration teardown;
            StartupFigures figures;
            try {
                toHealthy = rawUp.up(RAW_DEADLINE);
                figures = StartupFigures.of(model, StartupTimeline.from(events.events()));
            } finally {
                teardown = rawUp.down();
                closeQuietly(events);
                new Reaper(docker).reapAll(log);
            }
            return new Sample("raw", toHealthy, teardown, figures);
        }
    }

    private static void report(Stack model, ContainerEnvironment env, List<Sample> harness, List<Sample> raw) {
        Duration h = median(harness, Sample::toHealthy);
        Duration r = median(raw, Sample::toHealthy);
        double ratio = (double) h.toNanos() / r.toNanos();
        System.out.println();
        System.out.printf(Locale.ROOT, "bring-up to all healthy (median of %d): harness %s, raw docker-compose %s%n",
                harness.size(), Moments.seconds(h), Moments.seconds(r));
        System.out.printf(Locale.ROOT, "ratio harness/raw: %.3f (goal ≤ %.2f) -> %s%n", ratio, GOAL,
                ratio <= GOAL ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "teardown (median): harness %s, raw %s%n",
                Moments.seconds(median(harness, Sample::teardown)), Moments.seconds(median(raw, Sample::teardown)));
        List<Sample> all = new ArrayList<>(harness);
        all.addAll(raw);
        System.out.println();
        System.out.printf("the rendered stack's own startup, from Docker's events (healthInterval %d ms; median of %d"
                + " bring-ups, both kinds):%n", env.healthInterval().toMillis(), all.size());
        System.out.printf("  first CREATED to all healthy: %s%n",
                Moments.seconds(median(all, s -> s.stack().observed().orElse(Duration.ZERO))));
        System.out.printf("  critical path of the depends_on graph: %s%n",
                Moments.seconds(median(all, s -> s.stack().criticalPath().total())));
        Sample typical = all.stream().sorted(java.util.Comparator.comparing(s -> s.stack().criticalPath().total()))
                .toList().get(all.size() / 2);
        System.out.printf("  longest chain (a typical bring-up): %s%n", typical.stack().criticalPath().describe());
        System.out.printf("  beyond the critical path: %s (Compose creating and scheduling containers; each"
                + " level also waits for its first health check, one interval after start)%n",
                Moments.seconds(median(all, s -> s.stack().overhead().orElse(Duration.ZERO))));
        long standIns = model.services().stream().filter(s -> env.fidelity(s.name()) == Fidelity.STAND_IN).count();
        System.out.printf("  (%d of %d services are stand-ins here, ready at once: the figures are the graph's and"
                + " Compose's cost, not the real components')%n", standIns, model.services().size());
    }

    static Duration median(List<Sample> samples, Function<Sample, Duration> figure) {
        List<Duration> values = samples.stream().map(figure).sorted().toList();
        return values.get(values.size() / 2);
    }

    private static int rounds() {
        try {
            int rounds = Integer.parseInt(System.getProperty("vpai.bench.rounds", String.valueOf(DEFAULT_ROUNDS)));
            return Math.max(1, Math.min(MAX_ROUNDS, rounds));
        } catch (NumberFormatException e) {
            return DEFAULT_ROUNDS;
        }
    }

    static Optional<Duration> intervalOverride() {
        String value = System.getProperty("vpai.bench.healthInterval");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Matcher m = INTERVAL.matcher(value.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("vpai.bench.healthInterval: '" + value + "' is not like 500ms or 1s");
        }
        long amount = Long.parseLong(m.group(1));
        return Optional.of(m.group(2).equals("ms") ? Duration.ofMillis(amount) : Duration.ofSeconds(amount));
    }

    private static void closeQuietly(EventFeed events) {
        try {
            events.close();
        } catch (Exception ignored) {
            // the stream ends with the benchmark
        }
    }
}
