package io.vpai.harness.ship;

import io.vpai.harness.render.RenderedFile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a tree holds, file by file: path, executable bit and SHA-256 of the bytes. Made from a render in memory
 * ({@link #of}) or from a directory on a host ({@link #parse} of what {@link #script} prints), so both sides are
 * compared, and hashed, the same way.
 */
public record TreeListing(List<Entry> entries) {
    /** One file of a tree. */
    public record Entry(String path, boolean executable, String sha256) {
        String line() {
            return (executable ? "x" : "-") + " " + sha256 + " " + path;
        }
    }

    public TreeListing {
        entries = entries.stream().sorted(Comparator.comparing(Entry::path)).toList();
    }

    public static TreeListing of(List<RenderedFile> files) {
        return new TreeListing(files.stream()
                .map(f -> new Entry(f.path(), f.executable(), RenderHash.sha256(f.bytes()))).toList());
    }

    /**
     * A POSIX shell script that lists every regular file below {@code directory} except {@code excluded} (relative),
     * one {@code x|- SHA256 PATH} line each; it exits 3 when the directory does not exist.
     */
    static String script(String quotedDirectory, String excluded) {
        return "[ -d " + quotedDirectory + " ] || exit 3; cd " + quotedDirectory + " && find . -type f ! -path './"
                + excluded + "' -exec sh -c 'for f; do if [ -x \"$f\" ]; then x=x; else x=-; fi; "
                + "printf \"%s %s %s\\n\" \"$x\" \"$(sha256sum < \"$f\" | cut -d\" \" -f1)\" \"${f#./}\"; done' sh {} +";
    }

    /** @throws IllegalArgumentException naming {@code source} and the line that is not a listing line */
    static TreeListing parse(String output, String source) {
        List<Entry> entries = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(" ", 3);
            if (fields.length != 3 || !(fields[0].equals("x") || fields[0].equals("-")) || !fields[1].matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException(source + ": not a listing line: '" + line + "'");
            }
            entries.add(new Entry(fields[2], fields[0].equals("x"), fields[1]));
        }
        return new TreeListing(entries);
    }

    public RenderHash hash() {
        return RenderHash.of(entries.stream().map(e -> e.line() + "\n").collect(Collectors.joining()));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Each way this tree differs from {@code expected}, one phrase per file; empty when they are the same tree. */
    public List<String> differencesFrom(TreeListing expected) {
        Map<String, Entry> mine = byPath(this);
        Map<String, Entry> theirs = byPath(expected);
        List<String> differences = new ArrayList<>();
        theirs.forEach((path, want) -> {
            Entry have = mine.get(path);
            if (have == null) {
                differences.add(path + " is missing");
            } else if (!have.sha256().equals(want.sha256())) {
                differences.add(path + " has other bytes (sha256 " + have.sha256().substring(0, 12) + ", expected "
                        + want.sha256().substring(0, 12) + ")");
            } else if (have.executable() != want.executable()) {
                differences.add(path + (want.executable() ? " is not executable" : " is executable"));
            }
        });
        mine.keySet().stream().filter(p -> !theirs.containsKey(p)).forEach(p -> differences.add(p + " is not in the render"));
        return differences;
    }

    private static Map<String, Entry> byPath(TreeListing listing) {
        return listing.entries.stream().collect(Collectors.toMap(Entry::path, Function.identity(), (a, b) -> a, TreeMap::new));
    }
}
