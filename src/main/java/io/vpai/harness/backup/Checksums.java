package io.vpai.harness.backup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checksums of the previous dumps, read before and after a run that must not touch them: the files of
 * the dump directory (SHA-256) or the objects of a bucket (ETag, the MD5 of a single-part upload).
 * {@code where} names them in failure messages.
 */
public record Checksums(String where, Map<String, String> sums) {
    /** pre-backup.sh logs "wrote DIR/NAME (N bytes)" once a complete dump has replaced the previous one. */
    private static final Pattern WROTE = Pattern.compile("pre-backup: wrote \\S*/([^/\\s]+) \\(\\d+ bytes\\)");

    public Checksums {
        sums = Collections.unmodifiableMap(new TreeMap<>(sums));
    }

    /** Only the named entries (those absent stay absent, so a missing one is still reported). */
    public Checksums only(Collection<String> names) {
        Map<String, String> out = new TreeMap<>(sums);
        out.keySet().retainAll(Set.copyOf(names));
        return new Checksums(where, out);
    }

    public Checksums without(Collection<String> names) {
        Map<String, String> out = new TreeMap<>(sums);
        out.keySet().removeAll(Set.copyOf(names));
        return new Checksums(where, out);
    }

    /** Every entry of this (before) that {@code after} changed or lost, and every entry it added; empty when untouched. */
    public List<String> changesIn(Checksums after) {
        List<String> out = new ArrayList<>();
        Set<String> names = new TreeSet<>(sums.keySet());
        names.addAll(after.sums.keySet());
        for (String name : names) {
            String b = sums.get(name);
            String a = after.sums.get(name);
            if (b == null) {
                out.add(where + "/" + name + ": new (" + a + ")");
            } else if (a == null) {
                out.add(where + "/" + name + ": missing (was " + b + ")");
            } else if (!b.equals(a)) {
                out.add(where + "/" + name + ": changed, before " + b + ", after " + a);
            }
        }
        return out;
    }

    /** The dumps a pre-backup.sh run replaced, by its own log: the only files it may have changed. */
    public static Set<String> writtenBy(String preBackupLog) {
        return WROTE.matcher(preBackupLog).results().map(m -> m.group(1))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
