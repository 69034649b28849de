package io.vpai.harness.cli;

import io.vpai.harness.gate.GateReport;
import io.vpai.harness.model.ModelValidator;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.render.RenderAll;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Benchmarks the harness measures itself with. Figures are medians of repeated runs in one process,
 * after warm-up, each shown with a baseline measured in the same run.
 */
final class Benchmarks {
    private static final int WARMUP = 20;
    private static final int RUNS = 50;

    private Benchmarks() {
    }

    static int run(Path root, List<String> args) {
        String which = args.isEmpty() ? "" : args.get(0);
        if (which.equals("bringup")) {
            return io.vpai.harness.startup.BringUpBenchmark.run(root);
        }
        if (which.equals("matrix")) {
            return io.vpai.harness.isolation.MatrixBenchmark.run(root);
        }
        if (which.equals("backup")) {
            return io.vpai.harness.backup.BackupBenchmark.run(root);
        }
        if (!which.equals("gate")) {
            throw new IllegalArgumentException("bench: unknown benchmark '" + which + "' (known: "
                    + String.join(", ", Arguments.BENCHMARKS) + ")");
        }
        return gate(root);
    }

    /**
     * Model build + validation + rendering of every file + every model gate rule (the real-tools rule is
     * left out: it times docker-compose and caddy, not the harness). Baseline: building the model alone.
     */
    private static int gate(Path root) {
        Runnable baseline = VpaiStack::model;
        Runnable full = () -> {
            Stack stack = ModelValidator.validate(VpaiStack.model());
            RenderAll.render(stack);
            GateReport report = io.vpai.harness.gate.Gate.standard().evaluate(stack, LocalDate.now());
            if (!report.passed()) {
                throw new IllegalStateException("gate failed during the benchmark");
            }
        };
        double base = median(baseline);
        double cost = median(full);
        System.out.printf("bench gate: model+validate+render+gate rules median %.2f ms over %d runs (after %d warm-up)%n",
                cost, RUNS, WARMUP);
        System.out.printf("baseline (model build only): median %.3f ms; ratio %.1fx%n", base, cost / base);
        System.out.printf("goal: under 300 ms warm -> %s%n", cost < 300 ? "met" : "NOT met");
        return 0;
    }

    private static double median(Runnable task) {
        for (int i = 0; i < WARMUP; i++) {
            task.run();
        }
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            task.run();
            samples.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(samples);
        return samples.get(RUNS / 2);
    }
}
