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
import java.util.Optional;

/**
 * {@code bench nightly} and {@code bench ci}: one of the README's two Maven jobs ({@code mvn -B verify -Pnightly}, the
 * main job; {@code mvn -B verify}, the tests CI runs after provisioning) run once as a user runs it, with the phase log
 * on, and its wall time split into phases (image check, bring-up, mesh join, each spec family, teardown). The baseline,
 * measured in the same run, is Maven doing nothing ({@code mvn -B -q validate}): the fixed cost every Maven-run job
 * pays. The machine's CPU time over the run says whether more overlap could still help: the work done, spread over
 * every core, is as fast as the job can get on this machine without doing less.
 */
final class MavenJobBenchmark {
    record Job(String name, List<String> command, double goalSeconds) {
    }

    static final Job NIGHTLY = new Job("nightly", List.of("mvn", "-B", "verify", "-Pnightly"), 180);
    static final Job CI = new Job("ci", List.of("mvn", "-B", "verify"), 240);

    private MavenJobBenchmark() {
    }

    static int run(Path projectRoot, Job job) {
        String title = "bench " + job.name();
        Path log = projectRoot.resolve("target/phases.tsv").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
            double baseline = quietSeconds(projectRoot, List.of("mvn", "-B", "-q", "validate"), title);
            List<String> command = new ArrayList<>(job.command());
            command.add("-D" + PhaseClock.PROPERTY + "=" + log);
            Optional<MachineCpu> cpuBefore = MachineCpu.read();
            long start = System.currentTimeMillis();
            int exit = exit(projectRoot, command, title);
            long wall = System.currentTimeMillis() - start;
            Optional<MachineCpu> cpu = MachineCpu.read().flatMap(after -> cpuBefore.map(after::since));
            List<PhaseClock.Phase> logged = Files.exists(log) ? PhaseClock.read(log) : List.of();
            String shown = String.join(" ", job.command());
            if (!broughtUpAStack(logged)) {
                // Without Docker, outside CI, the specs skip and Maven exits 0 in seconds: no figure for the job.
                System.out.printf(Locale.ROOT, "%s: `%s` exit %d in %.1f s but brought up no stack (no phase "
                        + "'%s' in %s): is Docker running? (.ci/provision starts it)%n", title, shown, exit,
                        wall / 1000.0, StackLauncher.COMPOSE_UP_PHASE, log);
                return exit == 0 ? 1 : exit;
            }
            Map<String, Double> phases = PhaseBreakdown.of(logged, wall);
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf(Locale.ROOT, "%s: `%s` exit %d, wall %.1f s, %d cores%n", title, shown, exit,
                    wall / 1000.0, cores);
            System.out.printf(Locale.ROOT, "baseline (Maven doing nothing: mvn -B -q validate): %.1f s; ratio %.1fx%n",
                    baseline, wall / 1000.0 / baseline);
            System.out.println(cpu.map(c -> c.describe(wall / 1000.0, cores)).orElse("CPU: not measured (no /proc/stat)"));
            System.out.print(PhaseBreakdown.table(phases, wall / 1000.0));
            System.out.printf(Locale.ROOT, "goal: under %.0f s warm -> %s%n", job.goalSeconds(),
                    wall / 1000.0 < job.goalSeconds() ? "met" : "NOT met");
            return exit;
        } catch (IOException e) {
            throw new IllegalStateException(title + ": " + e.getMessage(), e);
        }
    }

    /** Whether the run brought a stack up: every bring-up logs {@link StackLauncher#COMPOSE_UP_PHASE}. */
    static boolean broughtUpAStack(List<PhaseClock.Phase> logged) {
        return logged.stream().anyMatch(phase -> phase.name().equals(StackLauncher.COMPOSE_UP_PHASE));
    }

    private static double quietSeconds(Path root, List<String> command, String title) throws IOException {
        long start = System.nanoTime();
        int exit = waitFor(new ProcessBuilder(command).directory(root.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start(), title);
        if (exit != 0) {
            throw new IllegalStateException(title + ": the baseline `" + String.join(" ", command) + "` exited " + exit);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static int exit(Path root, List<String> command, String title) throws IOException {
        return waitFor(new ProcessBuilder(command).directory(root.toFile()).inheritIO().start(), title);
    }

    private static int waitFor(Process process, String title) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(title + ": interrupted");
        }
    }
}
