package io.vpai.harness.bench;

import io.vpai.harness.report.PhaseClock;
import io.vpai.harness.stack.StackLauncher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench nightly}: the README's main job ({@code mvn -B verify -Pnightly}) run once as a user runs it, with
 * the phase log on, and its wall time split into phases (image check, bring-up, mesh join, each spec family,
 * teardown). The baseline, measured in the same run, is Maven doing nothing ({@code mvn -B -q validate}): the
 * fixed cost every Maven-run job pays.
 */
final class NightlyBenchmark {
    static final List<String> JOB = List.of("mvn", "-B", "verify", "-Pnightly");
    private static final double GOAL_SECONDS = 180;

    private NightlyBenchmark() {
    }

    static int run(Path projectRoot) {
        Path log = projectRoot.resolve("target/phases.tsv").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
            double baseline = quietSeconds(projectRoot, List.of("mvn", "-B", "-q", "validate"));
            List<String> job = new ArrayList<>(JOB);
            job.add("-D" + PhaseClock.PROPERTY + "=" + log);
            long start = System.currentTimeMillis();
            int exit = exit(projectRoot, job);
            long wall = System.currentTimeMillis() - start;
            List<PhaseClock.Phase> logged = Files.exists(log) ? PhaseClock.read(log) : List.of();
            if (!broughtUpAStack(logged)) {
                // Without Docker, outside CI, the specs skip and Maven exits 0 in seconds: no figure for the nightly.
                System.out.printf(Locale.ROOT, "bench nightly: `%s` exit %d in %.1f s but brought up no stack (no phase "
                        + "'%s' in %s): is Docker running? (.ci/provision starts it)%n", String.join(" ", JOB), exit,
                        wall / 1000.0, StackLauncher.COMPOSE_UP_PHASE, log);
                return exit == 0 ? 1 : exit;
            }
            Map<String, Double> phases = PhaseBreakdown.of(logged, wall);
            System.out.printf(Locale.ROOT, "bench nightly: `%s` exit %d, wall %.1f s, %d cores%n", String.join(" ", JOB),
                    exit, wall / 1000.0, Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "baseline (Maven doing nothing: mvn -B -q validate): %.1f s; ratio %.1fx%n",
                    baseline, wall / 1000.0 / baseline);
            System.out.print(PhaseBreakdown.table(phases, wall / 1000.0));
            System.out.printf(Locale.ROOT, "goal: under %.0f s warm -> %s%n", GOAL_SECONDS,
                    wall / 1000.0 < GOAL_SECONDS ? "met" : "NOT met");
            return exit;
        } catch (IOException e) {
            throw new IllegalStateException("bench nightly: " + e.getMessage(), e);
        }
    }

    /** Whether the run brought a stack up: every bring-up logs {@link StackLauncher#COMPOSE_UP_PHASE}. */
    static boolean broughtUpAStack(List<PhaseClock.Phase> logged) {
        return logged.stream().anyMatch(phase -> phase.name().equals(StackLauncher.COMPOSE_UP_PHASE));
    }

    private static double quietSeconds(Path root, List<String> command) throws IOException {
        long start = System.nanoTime();
        int exit = waitFor(new ProcessBuilder(command).directory(root.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start());
        if (exit != 0) {
            throw new IllegalStateException("bench nightly: the baseline `" + String.join(" ", command) + "` exited " + exit);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static int exit(Path root, List<String> command) throws IOException {
        return waitFor(new ProcessBuilder(command).directory(root.toFile()).inheritIO().start());
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bench nightly: interrupted");
        }
    }
}
