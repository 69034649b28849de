package io.vpai.harness.bench;

import io.vpai.harness.environment.ContainerEnvironment;
import io.vpai.harness.environment.Environment;
import io.vpai.harness.environment.Environments;
import io.vpai.harness.isolation.Expectation;
import io.vpai.harness.isolation.IsolationMatrix;
import io.vpai.harness.isolation.MatrixResult;
import io.vpai.harness.isolation.Verdict;
import io.vpai.harness.model.ModelValidator;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.probe.ProbeResult;
import io.vpai.harness.probe.ProbeRunner;
import io.vpai.harness.stack.RunningStack;
import io.vpai.harness.stack.StackLauncher;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench matrix}: the whole reachability matrix (all pairs, every declared port, negatives
 * included, egress and host paths) on the offline stack, five times after a cold first run, against a
 * baseline from the same stack: one positive TCP probe, i.e. the fixed cost of one {@code docker exec}.
 */
final class MatrixBenchmark {
    private static final int RUNS = 5;
    private static final double GOAL_SECONDS = 1.2;

    private MatrixBenchmark() {
    }

    static int run(Path projectRoot) {
        Stack model = ModelValidator.validate(VpaiStack.model());
        Environment env = Environments.load(projectRoot, Environments.DEFAULT, model);
        if (!(env instanceof ContainerEnvironment containers)) {
            throw new IllegalStateException("environment '" + env.name() + "' is not a container environment");
        }
        LocalDate today = LocalDate.now();
        try (RunningStack stack = StackLauncher.launch(projectRoot, model, containers,
                line -> System.out.println("[stack] " + line))) {
            long coldStart = System.nanoTime();
            MatrixResult cold = IsolationMatrix.observe(stack, today);
            double coldSeconds = (System.nanoTime() - coldStart) / 1e9;
            List<Double> runs = new ArrayList<>();
            List<Double> probing = new ArrayList<>();
            int violations = cold.violations().size();
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                MatrixResult result = IsolationMatrix.observe(stack, today);
                runs.add((System.nanoTime() - start) / 1e9);
                probing.add(result.probing().toNanos() / 1e9);
                violations += result.violations().size();
            }
            Expectation positive = cold.verdicts().stream().map(Verdict::expectation)
                    .filter(e -> e.kind() == Expectation.Kind.SERVICE && e.reachable()).findFirst().orElseThrow();
            List<Double> singles = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                ProbeResult single = ProbeRunner.run(stack, positive.probe());
                singles.add((System.nanoTime() - start) / 1e9);
                if (!single.reached()) {
                    throw new IllegalStateException("baseline probe " + positive.path() + " did not connect: " + single);
                }
            }
            double median = Medians.of(runs);
            double baseline = Medians.of(singles);
            int probes = cold.verdicts().size();
            System.out.printf(Locale.ROOT, "bench matrix: %d probes (%d expected reachable, %d unreachable), %d cores%n",
                    probes, cold.verdicts().stream().filter(v -> v.expectation().reachable()).count(),
                    cold.verdicts().stream().filter(v -> !v.expectation().reachable()).count(),
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "cold first run (starts one probe sidecar per source): %.2f s%n", coldSeconds);
            System.out.printf(Locale.ROOT, "whole matrix: median %.2f s over %d runs (min %.2f, max %.2f); %.0f probes/s%n",
                    median, RUNS, Collections.min(runs), Collections.max(runs), probes / median);
            System.out.printf(Locale.ROOT, "  of which probing and waiting for egress arrivals: median %.2f s; the rest is "
                    + "host listeners and judging%n", Medians.of(probing));
            System.out.printf(Locale.ROOT, "baseline (one positive TCP probe, %s): median %.3f s; ratio %.1fx%n",
                    positive.path(), baseline, median / baseline);
            System.out.printf(Locale.ROOT, "goal: whole matrix under %.1f s -> %s; violations over all runs: %d%n",
                    GOAL_SECONDS, median < GOAL_SECONDS ? "met" : "NOT met", violations);
            cold.violations().forEach(v -> System.out.println("  " + v.finding().message()));
            return violations == 0 ? 0 : 1;
        }
    }
}
