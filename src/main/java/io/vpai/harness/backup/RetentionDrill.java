package io.vpai.harness.backup;

import io.vpai.harness.engine.ShellResult;

import io.vpai.harness.stack.StackException;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Replays a history of nightly backups into a repository of its own (never the backups repository) with
 * {@code restic backup --time}, then runs the shipped restic-backup.sh once more, as tonight's job: its
 * backup joins the history and its {@code forget --prune} applies the model's retention. The result holds
 * the snapshots before and after, and the verdicts {@link RetentionPolicy} expects for them.
 */
public final class RetentionDrill {
    /** A directory of one small file: the history costs snapshots, not data. */
    static final String SOURCE = "/var/tmp/vpai-retention-drill";
    private static final DateTimeFormatter RESTIC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public record Result(String repository, ResticVersion version, List<ResticSnapshot> before, ResticSnapshot tonight,
                         List<ResticSnapshot> after, List<RetentionPolicy.Decision> expected, Duration replay,
                         Duration job) {
        /** Snapshot times restic kept. */
        public Set<LocalDateTime> keptByRestic() {
            return after.stream().map(ResticSnapshot::time).collect(Collectors.toCollection(java.util.TreeSet::new));
        }

        /** Snapshot times the independent computation keeps. */
        public Set<LocalDateTime> keptByExpectation() {
            return expected.stream().filter(RetentionPolicy.Decision::kept).map(RetentionPolicy.Decision::time)
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    private RetentionDrill() {
    }

    public static Result run(BackupDrill drill, String bucket, List<LocalDateTime> calendar) {
        DrillSettings settings = drill.settings();
        String repository = settings.repository(bucket);
        drill.initRepository(repository);
        ResticVersion version = drill.resticVersion();
        if (!drill.snapshots(repository).isEmpty()) {
            throw new StackException("retention repository " + repository + " is not empty: use a fresh bucket");
        }
        Map<String, String> env = new LinkedHashMap<>(settings.resticEnvironment(repository, SOURCE));
        env.put("RESTIC_KEY_HINT", ReplayKey.add(drill, bucket, repository));
        env.put("TIMES", calendar.stream().map(RESTIC_TIME::format).collect(Collectors.joining("\n")));
        long start = System.nanoTime();
        // restic backup takes a non-exclusive lock: runs in parallel are safe, and two per CPU overlap one
        // run's S3 round trips with another's work. The replay's own key (ReplayKey) spares each run restic's
        // calibrated key derivation.
        drill.runner().require("replaying " + calendar.size() + " nightly backups into " + repository,
                "set -euo pipefail\n"
                        + "mkdir -p \"$BACKUP_DIR\" && echo 'nightly dump stand-in' > \"$BACKUP_DIR/marker\"\n"
                        + "printf '%s\\n' \"$TIMES\" | xargs -P \"$(( $(nproc) * 2 ))\" -I{} restic backup --quiet --time '{}' \"$BACKUP_DIR\"",
                env, Duration.ofMinutes(30));
        Duration replay = Duration.ofNanos(System.nanoTime() - start);
        List<ResticSnapshot> before = drill.snapshots(repository);
        if (before.size() != calendar.size()) {
            throw new StackException("replayed " + calendar.size() + " backups into " + repository + " but restic lists "
                    + before.size() + " snapshots");
        }

        start = System.nanoTime();
        ShellResult job = drill.runResticJob(repository, SOURCE);
        Duration jobTime = Duration.ofNanos(System.nanoTime() - start);
        if (!job.ok()) {
            throw new StackException("restic-backup.sh against " + repository + " failed (exit " + job.exitCode() + "): "
                    + job.tail(8));
        }
        List<ResticSnapshot> after = drill.snapshots(repository);
        Set<String> known = before.stream().map(ResticSnapshot::id).collect(Collectors.toSet());
        List<ResticSnapshot> fresh = after.stream().filter(s -> !known.contains(s.id())).toList();
        if (fresh.size() != 1) {
            throw new StackException("restic-backup.sh should add exactly one snapshot (tonight's) and keep it as the newest;"
                    + " new snapshots after it: " + fresh.size());
        }
        List<LocalDateTime> all = new ArrayList<>(before.stream().map(ResticSnapshot::time).toList());
        all.add(fresh.get(0).time());
        List<RetentionPolicy.Decision> expected = RetentionPolicy.decide(all, settings.retention(),
                version.keepsOldestWhileBudgetLeft());
        return new Result(repository, version, before, fresh.get(0), after, expected, replay, jobTime);
    }
}
