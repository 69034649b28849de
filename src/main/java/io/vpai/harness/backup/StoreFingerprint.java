package io.vpai.harness.backup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a restore must bring back, taken from the live stores: per PostgreSQL table (every user table of
 * every database the backup dumps, not only the seeded ones) the row count and a checksum over the
 * ordered rows; every sequence's value; every Redis key with its type, its remaining TTL (PTTL) with the
 * server time it was read at, and a digest of its value; the server time of the scan's last round
 * ({@code redisReadAtMillis}, -1 when Redis was not read), so that a key whose TTL ran out by then is
 * expected absent. Two fingerprints are compared entry by entry.
 */
public record StoreFingerprint(Map<String, Table> tables, Map<String, String> sequences, Map<String, Key> keys,
                               long redisReadAtMillis) {

    /** A table, keyed "database:schema.table". */
    public record Table(long rows, String checksum) {
    }

    /**
     * How far a restored key's remaining TTL may stray from the one expected after the elapsed time.
     * Redis keeps expiries as absolute Unix times in milliseconds, in the RDB and in the AOF (PEXPIREAT),
     * so a restore brings a key back with its original expiry: after = before - elapsed, exactly. What
     * remains is the reading itself: the server time is taken once per scan round (one script run, a few
     * ms for 1000 keys) while each PTTL is read during that round, on both sides. One second is a wide
     * margin over that, and still catches a TTL re-armed at restore (off by the whole elapsed time,
     * minutes) or a wrong one (10 s for 1 h).
     */
    public static final Duration TTL_TOLERANCE = Duration.ofSeconds(1);

    /**
     * A Redis key's observable state. {@code pttlMillis}: remaining TTL in ms, -1 without expiry;
     * {@code readAtMillis}: the Redis server's clock (TIME, ms) when it was read, so that a later
     * reading can take the elapsed time off.
     */
    public record Key(String type, long pttlMillis, long readAtMillis, String digest) {
        public boolean hasTtl() {
            return pttlMillis >= 0;
        }

        @Override
        public String toString() {
            return type + ", " + (hasTtl() ? "PTTL " + pttlMillis + " ms" : "no TTL") + ", sha1 " + digest;
        }
    }

    /** One difference, for failure messages and the report; {@code why} explains a judged (non-equality) mismatch. */
    public record Difference(String store, String item, String before, String after, String why) {
        public Difference(String store, String item, String before, String after) {
            this(store, item, before, after, "");
        }

        @Override
        public String toString() {
            return store + " " + item + ": before " + before + ", after " + after + (why.isEmpty() ? "" : " (" + why + ")");
        }
    }

    public StoreFingerprint {
        tables = Collections.unmodifiableMap(new TreeMap<>(tables));
        sequences = Collections.unmodifiableMap(new TreeMap<>(sequences));
        keys = Collections.unmodifiableMap(new TreeMap<>(keys));
    }

    public static StoreFingerprint empty() {
        return new StoreFingerprint(Map.of(), Map.of(), Map.of(), -1);
    }

    public StoreFingerprint withPostgres(String database, String psqlOutput) {
        Map<String, Table> t = new TreeMap<>(tables);
        Map<String, String> s = new TreeMap<>(sequences);
        for (String line : psqlOutput.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length == 4 && f[0].equals("table")) {
                t.put(database + ":" + f[1], new Table(Long.parseLong(f[2]), f[3]));
            } else if (f.length == 3 && f[0].equals("sequence")) {
                s.put(database + ":" + f[1], f[2]);
            }
        }
        return new StoreFingerprint(t, s, keys, redisReadAtMillis);
    }

    /**
     * Lines "key TAB type TAB pttl-ms (-1: none) TAB sha1 TAB server-time-ms", and per scan round a line of the
     * server time alone, as {@link FingerprintReader} scans them.
     */
    public StoreFingerprint withRedis(String scanOutput) {
        Map<String, Key> k = new TreeMap<>();
        long readAt = -1;
        for (String line : scanOutput.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length == 5 && f[2].matches("-?[0-9]+") && f[4].matches("[0-9]+")) {
                k.put(f[0], new Key(f[1], Math.max(-1, Long.parseLong(f[2])), Long.parseLong(f[4]), f[3]));
            } else if (f.length == 1 && f[0].matches("[0-9]+")) {
                readAt = Math.max(readAt, Long.parseLong(f[0]));
            }
        }
        return new StoreFingerprint(tables, sequences, k, readAt);
    }

    public Map<String, Table> tablesOf(String database) {
        Map<String, Table> out = new TreeMap<>();
        tables.forEach((name, table) -> {
            if (name.startsWith(database + ":")) {
                out.put(name.substring(database.length() + 1), table);
            }
        });
        return out;
    }

    /** Keys of one Redis type. */
    public Map<String, Key> keysOfType(String type) {
        Map<String, Key> out = new TreeMap<>();
        keys.forEach((name, key) -> {
            if (key.type().equals(type)) {
                out.put(name, key);
            }
        });
        return out;
    }

    public Set<String> redisTypes() {
        Set<String> types = new TreeSet<>();
        keys.values().forEach(k -> types.add(k.type()));
        return types;
    }

    public long rows(String database) {
        return tablesOf(database).values().stream().mapToLong(Table::rows).sum();
    }

    /** Every difference between this (before) and {@code after}: missing, extra and changed entries. */
    public List<Difference> differences(StoreFingerprint after) {
        List<Difference> out = new ArrayList<>();
        diff("postgresql table", tables, after.tables, out);
        diff("postgresql sequence", sequences, after.sequences, out);
        out.addAll(keyDifferences(keys, after.keys, after.redisReadAtMillis));
        return out;
    }

    /** {@link #differences} of the Redis keys of one type only. */
    public List<Difference> keyDifferences(StoreFingerprint after, String type) {
        return keyDifferences(keysOfType(type), after.keysOfType(type), after.redisReadAtMillis);
    }

    /**
     * Missing, extra and changed keys: type and value by equality, the TTL by {@link #ttlDifference}. A key
     * missing after is no difference when its TTL had run out (within {@link #TTL_TOLERANCE}) by the time
     * {@code after} was scanned: Redis drops an expired key, on a restore too.
     */
    private static List<Difference> keyDifferences(Map<String, Key> before, Map<String, Key> after, long afterReadAt) {
        List<Difference> out = new ArrayList<>();
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            Key b = before.get(name);
            Key a = after.get(name);
            if (a == null && b != null && expiredBy(b, afterReadAt)) {
                continue;
            }
            String why = b == null || a == null ? "" : !b.type().equals(a.type()) || !b.digest().equals(a.digest())
                    ? "value changed" : ttlDifference(b, a);
            if (b == null || a == null || !why.isEmpty()) {
                out.add(new Difference("redis key", name, b == null ? "absent" : b.toString(), a == null ? "absent" : a.toString(), why));
            }
        }
        return out;
    }

    /** Keys of this (before) missing from {@code after} because their TTL had run out by its scan: no difference. */
    public Set<String> expiredBy(StoreFingerprint after) {
        Set<String> out = new TreeSet<>();
        keys.forEach((name, key) -> {
            if (!after.keys.containsKey(name) && expiredBy(key, after.redisReadAtMillis)) {
                out.add(name);
            }
        });
        return out;
    }

    /** Whether {@code key}'s TTL, run down to the server time {@code at} (-1: unknown), is within the tolerance of 0. */
    static boolean expiredBy(Key key, long at) {
        return key.hasTtl() && at >= 0 && key.pttlMillis() - (at - key.readAtMillis()) <= TTL_TOLERANCE.toMillis();
    }

    /**
     * Empty when {@code after}'s TTL is what {@code before}'s becomes after the elapsed time (within
     * {@link #TTL_TOLERANCE}); otherwise why not, with both values and the tolerance.
     */
    static String ttlDifference(Key before, Key after) {
        if (before.hasTtl() != after.hasTtl()) {
            return before.hasTtl() ? "lost its TTL" : "gained a TTL";
        }
        if (!before.hasTtl()) {
            return "";
        }
        long elapsed = after.readAtMillis() - before.readAtMillis();
        long expected = before.pttlMillis() - elapsed;
        long off = after.pttlMillis() - expected;
        return Math.abs(off) <= TTL_TOLERANCE.toMillis() ? "" : "TTL " + after.pttlMillis() + " ms, expected " + before.pttlMillis()
                + " ms - " + elapsed + " ms elapsed = " + expected + " ms, off by " + off + " ms, tolerance "
                + TTL_TOLERANCE.toMillis() + " ms";
    }

    private static <V> void diff(String store, Map<String, V> before, Map<String, V> after, List<Difference> out) {
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            V b = before.get(name);
            V a = after.get(name);
            if (b == null || !b.equals(a)) {
                out.add(new Difference(store, name, b == null ? "absent" : b.toString(), a == null ? "absent" : a.toString()));
            }
        }
    }
}
