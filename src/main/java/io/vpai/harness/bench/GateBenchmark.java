package io.vpai.harness.bench;

import io.vpai.harness.gate.Gate;
import io.vpai.harness.gate.GateReport;
import io.vpai.harness.model.ModelValidator;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.render.RenderAll;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench gate}: model build + validation + rendering of every file + every model gate rule (the
 * real-tools rule is left out: it times docker-compose and caddy, not the harness). Baseline: building
 * the model alone. Medians of repeated runs in one process, after warm-up.
 */
final class GateBenchmark {
    private static final int WARMUP = 20;
    private static final int RUNS = 50;

    private GateBenchmark() {
    }

    static int run(Path root) {
        Runnable baseline = VpaiStack::model;
        Runnable full = () -> {
            Stack stack = ModelValidator.validate(VpaiStack.model());
            RenderAll.render(stack);
            GateReport report = Gate.standard().evaluate(stack, LocalDate.now());
            if (!report.passed()) {
                throw new IllegalStateException("gate failed during the benchmark");
            }
        };
        double base = milliseconds(baseline);
        double cost = milliseconds(full);
        System.out.printf("bench gate: model+validate+render+gate rules median %.2f ms over %d runs (after %d warm-up)%n",
                cost, RUNS, WARMUP);
        System.out.printf("baseline (model build only): median %.3f ms; ratio %.1fx%n", base, cost / base);
        System.out.printf("goal: under 300 ms warm -> %s%n", cost < 300 ? "met" : "NOT met");
        return 0;
    }

    /** Median milliseconds of {@code task} over {@link #RUNS} runs after {@link #WARMUP} untimed ones. */
    private static double milliseconds(Runnable task) {
        for (int i = 0; i < WARMUP; i++) {
            task.run();
        }
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            task.run();
            samples.add((System.nanoTime() - start) / 1e6);
        }
        return Medians.of(samples);
    }
}
