package io.vpai.harness.backup;

import io.vpai.harness.engine.ShellResult;

import io.vpai.harness.stack.StackException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runbook a restore follows, in phases that never mix. {@link #stage}: everything that can fail
 * without touching live data (restic restores the latest snapshot into a staging directory with
 * {@code --verify}, without a local cache, as a fresh recovery host would; every expected dump must be
 * there and non-empty). {@link #load}: the stores' real consumers are stopped, then {@code psql -f} per
 * database in one transaction and the RDB through {@link RedisRdbLoader}. {@link #startConsumers}: the
 * applications come back on the restored data. A failure while staging throws before any store is touched.
 */
public final class RestoreProcedure {
    private static final Duration READY = Duration.ofMinutes(4);

    /** A snapshot restored into the staging directory and checked, not loaded yet. */
    public record Staged(String repository, String snapshot, String directory, Map<String, Long> dumpBytes,
                         Duration fetch) {
    }

    /** Phase timings and what was loaded, for the report and the benchmark. */
    public record Outcome(String snapshot, Duration fetch, Duration load, Map<String, Long> dumpBytes, long redisKeys) {
    }

    private final BackupDrill drill;

    public RestoreProcedure(BackupDrill drill) {
        this.drill = drill;
    }

    /** All phases: stage, load, start the consumers. */
    public Outcome restoreLatest(String repository) {
        Outcome outcome = load(stage(repository));
        startConsumers();
        return outcome;
    }

    /** Restores the latest snapshot of {@code repository} into staging; throws {@link RestoreFailed} when it cannot. */
    public Staged stage(String repository) {
        DrillSettings settings = drill.settings();
        long start = System.nanoTime();
        String staging = DrillSettings.RESTORE_STAGING;
        ShellResult restored = drill.runner().run(
                "rm -rf \"$STAGING\" && restic restore latest --no-cache --verify --target \"$STAGING\"",
                withStaging(settings.resticEnvironment(repository, settings.dumpDirectory()), staging),
                BackupDrill.RESTIC_TIMEOUT);
        if (!restored.ok()) {
            throw new RestoreFailed("restic restore latest from " + repository + " failed (exit " + restored.exitCode()
                    + "); no store was touched. restic said: " + restored.tail(6));
        }
        String snapshot = restored.output().lines().filter(l -> l.startsWith("restoring <Snapshot "))
                .map(l -> l.substring("restoring <Snapshot ".length()).split(" ")[0]).findFirst().orElse("?");
        String dumps = staging + settings.dumpDirectory();
        Map<String, Long> sizes = drill.sizes(dumps);
        List<String> missing = new ArrayList<>();
        for (String file : settings.expectedDumps()) {
            if (sizes.getOrDefault(file, 0L) <= 0) {
                missing.add(file);
            }
        }
        if (!missing.isEmpty()) {
            throw new RestoreFailed("snapshot " + snapshot + " of " + repository + " lacks " + missing + " (found "
                    + sizes.keySet() + "); no store was touched");
        }
        return new Staged(repository, snapshot, dumps, sizes, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Stops the real consumers and loads every staged dump into its store; the consumers stay stopped. */
    public Outcome load(Staged staged) {
        DrillSettings settings = drill.settings();
        long start = System.nanoTime();
        StoreConsumers.stop(drill.stack(), consumers());
        if (settings.expectedDumps().stream().anyMatch(f -> f.endsWith(".sql"))) {
            for (String database : settings.databases()) {
                Map<String, String> env = new LinkedHashMap<>(settings.storeCredentials());
                env.put("PGHOST_DRILL", settings.scriptDefault("PGHOST"));
                env.put("DUMP", staged.directory() + "/" + database + ".sql");
                drill.runner().require("loading " + database + ".sql into " + database,
                        "psql -X -q -v ON_ERROR_STOP=1 --single-transaction -h \"$PGHOST_DRILL\" -U postgres -d " + database
                                + " -f \"$DUMP\" >/dev/null", env, BackupDrill.SCRIPT_TIMEOUT);
            }
        }
        long keys = loadRedis(staged.directory(), settings);
        return new Outcome(staged.snapshot(), staged.fetch(), Duration.ofNanos(System.nanoTime() - start),
                staged.dumpBytes(), keys);
    }

    /** Starts the consumers again and waits for the whole stack. */
    public void startConsumers() {
        StoreConsumers.start(drill.stack(), consumers(), READY);
        drill.stack().awaitReady(READY);
    }

    /** Starts whichever consumer a drill stopped half-way, so the stack is left whole for what runs next. */
    public void ensureConsumersRunning() {
        StoreConsumers.ensureRunning(drill.stack(), consumers(), READY);
    }

    /** The real applications on the stores whose dumps this environment takes. */
    public List<String> consumers() {
        DrillSettings settings = drill.settings();
        List<String> stores = new ArrayList<>();
        if (settings.expectedDumps().stream().anyMatch(f -> f.endsWith(".sql"))) {
            stores.add(settings.postgresService());
        }
        if (settings.expectedDumps().contains(settings.redisService() + ".rdb")) {
            stores.add(settings.redisService());
        }
        return StoreConsumers.of(drill.stack(), stores);
    }

    private long loadRedis(String dumps, DrillSettings settings) {
        String rdbName = settings.redisService() + ".rdb";
        if (!settings.expectedDumps().contains(rdbName)) {
            return -1;
        }
        Path local;
        try {
            local = Files.createTempDirectory("vpai-restore");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path rdb = local.resolve(rdbName);
        try {
            drill.runner().copyOut(dumps + "/" + rdbName, rdb);
            return new RedisRdbLoader(drill.stack(), settings.redisService()).load(rdb);
        } finally {
            try {
                Files.deleteIfExists(rdb);
                Files.deleteIfExists(local);
            } catch (IOException ignored) {
                // a temporary directory; the OS cleans it eventually
            }
        }
    }

    private static Map<String, String> withStaging(Map<String, String> env, String staging) {
        Map<String, String> out = new LinkedHashMap<>(env);
        out.put("STAGING", staging);
        return out;
    }

    /** A restore that stopped before loading anything: the message says why, from restic or the staging check. */
    public static final class RestoreFailed extends StackException {
        public RestoreFailed(String message) {
            super(message);
        }
    }
}
