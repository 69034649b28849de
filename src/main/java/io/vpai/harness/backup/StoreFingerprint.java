package io.vpai.harness.backup;

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
 * ordered rows; every sequence's value; every Redis key with its type, whether it has a TTL and a digest
 * of its value. Two fingerprints are compared entry by entry.
 */
public record StoreFingerprint(Map<String, Table> tables, Map<String, String> sequences, Map<String, Key> keys) {

    /** A table, keyed "database:schema.table". */
    public record Table(long rows, String checksum) {
    }

    /** A Redis key's observable state; the TTL's value moves with the clock, so only its presence is compared. */
    public record Key(String type, boolean hasTtl, String digest) {
    }

    /** One difference, for failure messages and the report. */
    public record Difference(String store, String item, String before, String after) {
        @Override
        public String toString() {
            return store + " " + item + ": before " + before + ", after " + after;
        }
    }

    public StoreFingerprint {
        tables = Collections.unmodifiableMap(new TreeMap<>(tables));
        sequences = Collections.unmodifiableMap(new TreeMap<>(sequences));
        keys = Collections.unmodifiableMap(new TreeMap<>(keys));
    }

    public static StoreFingerprint empty() {
        return new StoreFingerprint(Map.of(), Map.of(), Map.of());
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
        return new StoreFingerprint(t, s, keys);
    }

    public StoreFingerprint withRedis(String scanOutput) {
        Map<String, Key> k = new TreeMap<>();
        for (String line : scanOutput.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length == 4 && (f[2].equals("ttl") || f[2].equals("persistent"))) {
                k.put(f[0], new Key(f[1], f[2].equals("ttl"), f[3]));
            }
        }
        return new StoreFingerprint(tables, sequences, k);
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
        diff("redis key", keys, after.keys, out);
        return out;
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
