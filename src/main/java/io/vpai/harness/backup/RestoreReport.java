package io.vpai.harness.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The drill's before/after tables in Markdown ({@code reports/backup/restore.md}, also attached to the
 * Allure result): one row per PostgreSQL table and sequence, one row per Redis key type (count, keys
 * with a TTL, a digest over every key of that type; "same" also judges each TTL's value, see
 * {@link StoreFingerprint#TTL_TOLERANCE}), and one row per store that was not drilled and why.
 */
public final class RestoreReport {
    public static final String PATH = "reports/backup/restore.md";
    public static final String RETENTION_PATH = "reports/backup/retention.md";

    private RestoreReport() {
    }

    /** {@code skipped}: store to reason; {@code wiped}: volumes removed; {@code afterWipe}: what the stores held then. */
    public static String restore(String environment, String runId, StoreFingerprint before, StoreFingerprint afterWipe,
                                 StoreFingerprint after, Map<String, String> skipped, List<String> wiped,
                                 RestoreProcedure.Outcome outcome) {
        StringBuilder md = new StringBuilder("# Backup-and-restore drill\n\n")
                .append("Environment `").append(environment).append("`, run `").append(runId).append("`. ")
                .append("Data seeded, dumped by the shipped `pre-backup.sh`, backed up by the shipped `restic-backup.sh` ")
                .append("to the S3 fixture, volumes removed (").append(String.join(", ", wiped))
                .append("), containers recreated, snapshot `").append(outcome == null ? "-" : outcome.snapshot())
                .append("` restored and loaded.\n\n");
        if (outcome != null) {
            md.append(String.format("restic restore (staging, --verify): %.1f s; loading the dumps: %.1f s; dump bytes: %d%n%n",
                    outcome.fetch().toMillis() / 1000.0, outcome.load().toMillis() / 1000.0,
                    outcome.dumpBytes().values().stream().mapToLong(Long::longValue).sum()));
        }
        md.append("| store | item | before | after wipe | after restore | result |\n")
                .append("|---|---|---|---|---|---|\n");
        Set<String> tables = new TreeSet<>(before.tables().keySet());
        tables.addAll(after.tables().keySet());
        for (String table : tables) {
            md.append(row("postgresql " + table.substring(0, table.indexOf(':')), "table " + table.substring(table.indexOf(':') + 1),
                    table(before.tables().get(table)), table(afterWipe.tables().get(table)), table(after.tables().get(table)),
                    same(before.tables().get(table), after.tables().get(table))));
        }
        Set<String> sequences = new TreeSet<>(before.sequences().keySet());
        sequences.addAll(after.sequences().keySet());
        for (String sequence : sequences) {
            md.append(row("postgresql " + sequence.substring(0, sequence.indexOf(':')),
                    "sequence " + sequence.substring(sequence.indexOf(':') + 1),
                    value(before.sequences().get(sequence)), value(afterWipe.sequences().get(sequence)),
                    value(after.sequences().get(sequence)), same(before.sequences().get(sequence), after.sequences().get(sequence))));
        }
        Set<String> types = new TreeSet<>(before.redisTypes());
        types.addAll(after.redisTypes());
        for (String type : types) {
            Map<String, StoreFingerprint.Key> b = before.keysOfType(type);
            Map<String, StoreFingerprint.Key> a = after.keysOfType(type);
            md.append(row("redis", type + " keys", keys(b), keys(afterWipe.keysOfType(type)), keys(a),
                    before.keyDifferences(after, type).isEmpty() ? "same" : "**MISMATCH**"));
        }
        skipped.forEach((store, reason) -> md.append(row(store, "-", "-", "-", "-", "SKIPPED: " + reason)));
        List<StoreFingerprint.Difference> differences = before.differences(after);
        md.append('\n').append(differences.isEmpty() ? "Every table, sequence and key came back unchanged.\n"
                : "Restore mismatch, " + differences.size() + " difference(s):\n\n");
        differences.stream().limit(50).forEach(d -> md.append("- ").append(d).append('\n'));
        Set<String> expired = before.expiredBy(after);
        if (!expired.isEmpty()) {
            md.append('\n').append(expired.size()).append(" Redis key(s) expired between the readings, as their TTLs said, ")
                    .append("and are rightly gone: ").append(String.join(", ", expired)).append(".\n");
        }
        return md.toString();
    }

    public static String retention(String environment, RetentionDrill.Result result) {
        Set<LocalDateTime> restic = result.keptByRestic();
        StringBuilder md = new StringBuilder("# Retention drill\n\n")
                .append("Environment `").append(environment).append("`, restic ").append(result.version())
                .append(". ").append(result.before().size()).append(" snapshots replayed with `restic backup --time` (")
                .append(String.format("%.1f s", result.replay().toMillis() / 1000.0)).append("), then the shipped ")
                .append("`restic-backup.sh` (tonight's backup + `forget --prune`, ")
                .append(String.format("%.1f s", result.job().toMillis() / 1000.0)).append("). restic kept ")
                .append(restic.size()).append("; the independent computation keeps ")
                .append(result.keptByExpectation().size()).append(".\n\n")
                .append("| snapshot time | expected | rules | restic |\n|---|---|---|---|\n");
        for (RetentionPolicy.Decision d : result.expected()) {
            if (d.kept() || restic.contains(d.time())) {
                md.append("| ").append(d.time()).append(" | ").append(d.kept() ? "keep" : "forget").append(" | ")
                        .append(d.keptBy()).append(" | ").append(restic.contains(d.time()) ? "kept" : "forgotten").append(" |\n");
            }
        }
        long forgotten = result.expected().stream().filter(d -> !d.kept() && !restic.contains(d.time())).count();
        md.append("\n").append(forgotten).append(" other snapshots: expected forget, restic forgot them.\n");
        return md.toString();
    }

    public static void write(Path root, String relative, String markdown) {
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, markdown);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String row(String store, String item, String before, String wiped, String after, String result) {
        return "| " + store + " | " + item.replace("|", "\\|") + " | " + before + " | " + wiped + " | " + after + " | " + result + " |\n";
    }

    private static String table(StoreFingerprint.Table t) {
        return t == null ? "absent" : t.rows() + " rows, md5 `" + t.checksum().substring(0, Math.min(12, t.checksum().length())) + "`";
    }

    private static String value(String v) {
        return v == null ? "absent" : v;
    }

    private static String keys(Map<String, StoreFingerprint.Key> keys) {
        long ttl = keys.values().stream().filter(StoreFingerprint.Key::hasTtl).count();
        return keys.size() + " keys (" + ttl + " with TTL), digest `" + digest(keys) + "`";
    }

    private static String same(Object before, Object after) {
        return before != null && before.equals(after) ? "same" : "**MISMATCH**";
    }

    /** A short digest over every key's name, type, TTL presence and value digest (the TTL's value moves with the clock). */
    static String digest(Map<String, StoreFingerprint.Key> keys) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            keys.forEach((name, key) -> sha.update((name + "\t" + key.type() + "\t" + key.hasTtl() + "\t" + key.digest() + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
