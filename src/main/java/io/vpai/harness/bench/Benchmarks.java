package io.vpai.harness.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The benchmarks the harness measures itself with, by the name {@code bench NAME} takes. Figures are
 * medians of repeated runs in one process, each shown with a baseline measured in the same run.
 */
public final class Benchmarks {
    private static final Map<String, ToIntFunction<Path>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("gate", GateBenchmark::run);
        BY_NAME.put("matrix", MatrixBenchmark::run);
        BY_NAME.put("bringup", BringUpBenchmark::run);
        BY_NAME.put("backup", BackupBenchmark::run);
        BY_NAME.put("nightly", root -> MavenJobBenchmark.run(root, MavenJobBenchmark.NIGHTLY));
        BY_NAME.put("ci", root -> MavenJobBenchmark.run(root, MavenJobBenchmark.CI));
        BY_NAME.put("images", ImageBuildBenchmark::run);
    }

    /** Every name {@code bench} accepts, in the order the usage lists them. */
    public static final List<String> NAMES = List.copyOf(BY_NAME.keySet());

    private Benchmarks() {
    }

    /** Runs the benchmark {@code name} against the project at {@code root}; returns the exit code. */
    public static int run(Path root, String name) {
        ToIntFunction<Path> benchmark = BY_NAME.get(name);
        if (benchmark == null) {
            throw new IllegalArgumentException("bench: unknown benchmark '" + name + "' (known: "
                    + String.join(", ", NAMES) + ")");
        }
        return benchmark.applyAsInt(root);
    }
}
