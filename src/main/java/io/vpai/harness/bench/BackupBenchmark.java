package io.vpai.harness.bench;

import io.vpai.harness.engine.ShellResult;

import io.vpai.harness.backup.BackupDrill;
import io.vpai.harness.backup.DrillSettings;
import io.vpai.harness.backup.RestoreProcedure;
import io.vpai.harness.backup.SeedData;
import io.vpai.harness.environment.ContainerEnvironment;
import io.vpai.harness.environment.Environment;
import io.vpai.harness.environment.Environments;
import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.model.ModelValidator;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.stack.RunningStack;
import io.vpai.harness.stack.StackLauncher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
final class BackupBenchmark {
    private static final int SAMPLES = 3;

    private BackupBenchmark() {
    }

    static int run(Path root) {
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
        SeedData seed = new SeedData(drill);
        long start = System.nanoTime();
        if (stack.fidelity(settings.postgresService()) == Fidelity.REAL) {
            settings.databases().forEach(db -> seed.seedDatabase(db, scale));
        }
        if (stack.fidelity(settings.redisService()) == Fidelity.REAL) {
            seed.seedRedis(scale);
        }
        settings.n8nService().filter(n8n -> stack.fidelity(n8n) == Fidelity.REAL).ifPresent(n8n -> seed.seedN8n(n8n));
        System.out.printf("seeded at scale %d in %.1f s%n", scale, seconds(Duration.ofNanos(System.nanoTime() - start)));

        List<Double> preBackup = new ArrayList<>();
        List<Double> resticJob = new ArrayList<>();
        List<Double> backup = new ArrayList<>();
        List<Double> fetch = new ArrayList<>();
        List<Double> load = new ArrayList<>();
        List<Double> restore = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        Map<String, List<Double>> steps = new java.util.LinkedHashMap<>();
        long bytes = 0;
        for (int i = 1; i <= SAMPLES; i++) {
            String repository = settings.repository(settings.backupsBucket() + "-bench-" + i);
            String baselineRepository = settings.repository(settings.backupsBucket() + "-baseline-" + i);
            drill.initRepository(repository);
            drill.initRepository(baselineRepository);

            long t0 = System.nanoTime();
            ShellResult pre = drill.runPreBackup();
            long t1 = System.nanoTime();
            require("pre-backup.sh", pre);
            stepSeconds(pre.output()).forEach((step, secs) -> steps.computeIfAbsent(step, k -> new ArrayList<>()).add(secs));
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
        double base = Medians.of(baseline);
        System.out.printf("bench backup: %d bytes of dumps (%.1f MiB, scale %d), median of %d samples on %s%n",
                bytes, bytes / 1048576.0, scale, SAMPLES, stack.name());
        System.out.printf("  backup  %.2f s  (%.1f MiB/s); medians of its parts: pre-backup.sh %.2f s, restic-backup.sh %.2f s%n",
                Medians.of(backup), bytes / 1048576.0 / Medians.of(backup), Medians.of(preBackup), Medians.of(resticJob));
        steps.forEach((step, secs) -> System.out.printf("    pre-backup step %-40s ~%.0f s (log timestamps, 1 s resolution)%n",
                step, Medians.of(secs)));
        System.out.printf("  restore %.2f s  (%.1f MiB/s); medians of its parts: restic restore --verify %.2f s, load %.2f s"
                        + " (stopping the consumers, psql -f per database, the Redis RDB load)%n",
                Medians.of(restore), bytes / 1048576.0 / Medians.of(restore), Medians.of(fetch), Medians.of(load));
        System.out.printf("  baseline: restic backup of the same bytes from a local directory %.2f s%n", base);
        System.out.printf("  ratio: backup / baseline %.1fx; restore / baseline %.1fx%n", Medians.of(backup) / base,
                Medians.of(restore) / base);
        return 0;
    }

    /** Seconds between each step's "start:" and "ok:" lines in pre-backup.sh's log. */
    static Map<String, Double> stepSeconds(String log) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        Map<String, java.time.Instant> started = new java.util.HashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?m)^(\\S+Z) pre-backup: (start|ok): (.+)$").matcher(log);
        while (m.find()) {
            java.time.Instant at = java.time.Instant.parse(m.group(1));
            if (m.group(2).equals("start")) {
                started.put(m.group(3), at);
            } else if (started.containsKey(m.group(3))) {
                out.put(m.group(3), (double) Duration.between(started.get(m.group(3)), at).toSeconds());
            }
        }
        return out;
    }

    private static void require(String what, ShellResult result) {
        if (!result.ok()) {
            throw new IllegalStateException(what + " failed during the benchmark (exit " + result.exitCode() + "): "
                    + result.tail(5));
        }
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
