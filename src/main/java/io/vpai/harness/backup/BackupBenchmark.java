package io.vpai.harness.backup;

import io.vpai.harness.environment.ContainerEnvironment;
import io.vpai.harness.environment.Environment;
import io.vpai.harness.environment.Environments;
import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.model.ModelValidator;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.stack.ProcessRunner;
import io.vpai.harness.stack.RunningStack;
import io.vpai.harness.stack.StackLauncher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * {@code mvn -q compile exec:java -Dexec.args="bench backup"}: how long the nightly chain and a restore
 * take on the offline stack, for a known amount of data. Three samples, median reported, each into a
 * fresh repository (a second backup into the same one would only measure deduplication):
 * <ul>
 *   <li>backup = the shipped pre-backup.sh (dumps, seed copy, heartbeat) + the shipped restic-backup.sh
 *       (backup + forget --prune);</li>
 *   <li>restore = restic restore of the latest snapshot (staging, --verify) + loading every dump;</li>
 *   <li>baseline = plain {@code restic backup} of the same dump bytes from a local directory, into a
 *       fresh repository on the same S3 server: what the chain costs beyond restic's own work.</li>
 * </ul>
 * {@code -Dvpai.bench.backup.scale=N} multiplies the seeded rows and keys (default 20).
 */
public final class BackupBenchmark {
    private static final int SAMPLES = 3;

    private BackupBenchmark() {
    }

    public static int run(Path root) {
        Stack model = ModelValidator.validate(VpaiStack.model());
        Environment env = Environments.load(root, System.getProperty("vpai.env", "offline"), model);
        if (!(env instanceof ContainerEnvironment containers)) {
            System.err.println("bench backup: environment '" + env.name() + "' is not a container environment");
            return 2;
        }
        int scale = Integer.getInteger("vpai.bench.backup.scale", 20);
        try (RunningStack stack = StackLauncher.launch(root, model, containers, line -> System.out.println("[stack] " + line))) {
            return measure(root, stack, scale);
        }
    }

    private static int measure(Path root, RunningStack stack, int scale) {
        BackupDrill drill = BackupDrill.install(stack, root);
        DrillSettings settings = drill.settings();
        SeedData seed = new SeedData(settings, drill.runner());
        long start = System.nanoTime();
        if (stack.fidelity(settings.postgresService()) == Fidelity.REAL) {
            settings.databases().forEach(db -> seed.seedDatabase(db, scale));
        }
        if (stack.fidelity(settings.redisService()) == Fidelity.REAL) {
            seed.seedRedis(scale);
        }
        System.out.printf("seeded at scale %d in %.1f s%n", scale, seconds(Duration.ofNanos(System.nanoTime() - start)));

        List<Double> preBackup = new ArrayList<>();
        List<Double> resticJob = new ArrayList<>();
        List<Double> backup = new ArrayList<>();
        List<Double> fetch = new ArrayList<>();
        List<Double> load = new ArrayList<>();
        List<Double> restore = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        long bytes = 0;
        for (int i = 1; i <= SAMPLES; i++) {
            String repository = settings.repository(settings.backupsBucket() + "-bench-" + i);
            String baselineRepository = settings.repository(settings.backupsBucket() + "-baseline-" + i);
            drill.initRepository(repository);
            drill.initRepository(baselineRepository);

            long t0 = System.nanoTime();
            require("pre-backup.sh", drill.runPreBackup());
            long t1 = System.nanoTime();
            require("restic-backup.sh", drill.runResticJob(repository, settings.dumpDirectory()));
            long t2 = System.nanoTime();
            preBackup.add((t1 - t0) / 1e9);
            resticJob.add((t2 - t1) / 1e9);
            backup.add((t2 - t0) / 1e9);
            bytes = drill.sizes(settings.dumpDirectory()).values().stream().mapToLong(Long::longValue).sum();

            String local = "/var/tmp/vpai-bench-local";
            drill.runner().require("copying the dumps to " + local, "rm -rf " + local + " && cp -a \"$BACKUP_DIR\" " + local,
                    Map.of("BACKUP_DIR", settings.dumpDirectory()), Duration.ofMinutes(5));
            long b0 = System.nanoTime();
            require("restic backup " + local, drill.restic(baselineRepository, "backup --quiet " + local));
            baseline.add((System.nanoTime() - b0) / 1e9);

            RestoreProcedure.Outcome outcome = new RestoreProcedure(drill).restoreLatest(repository);
            fetch.add(seconds(outcome.fetch()));
            load.add(seconds(outcome.load()));
            restore.add(seconds(outcome.fetch()) + seconds(outcome.load()));
            System.out.printf("sample %d: backup %.2f s (pre-backup %.2f + restic job %.2f), restore %.2f s"
                            + " (restic restore %.2f + load %.2f), baseline restic backup %.2f s%n",
                    i, backup.get(i - 1), preBackup.get(i - 1), resticJob.get(i - 1), restore.get(i - 1),
                    fetch.get(i - 1), load.get(i - 1), baseline.get(i - 1));
        }
        double base = median(baseline);
        System.out.printf("bench backup: %d bytes of dumps (%.1f MiB, scale %d), median of %d samples on %s%n",
                bytes, bytes / 1048576.0, scale, SAMPLES, stack.name());
        System.out.printf("  backup  %.2f s  = pre-backup.sh %.2f s + restic-backup.sh %.2f s   (%.1f MiB/s)%n",
                median(backup), median(preBackup), median(resticJob), bytes / 1048576.0 / median(backup));
        System.out.printf("  restore %.2f s  = restic restore --verify %.2f s + load %.2f s   (%.1f MiB/s)%n",
                median(restore), median(fetch), median(load), bytes / 1048576.0 / median(restore));
        System.out.printf("  baseline: restic backup of the same bytes from a local directory %.2f s%n", base);
        System.out.printf("  ratio: backup / baseline %.1fx; restore / baseline %.1fx%n", median(backup) / base,
                median(restore) / base);
        return 0;
    }

    private static void require(String what, ProcessRunner.Result result) {
        if (!result.ok()) {
            throw new IllegalStateException(what + " failed during the benchmark (exit " + result.exitCode() + "): "
                    + result.tail(5));
        }
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static double median(List<Double> samples) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
