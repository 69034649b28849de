package io.vpai.harness.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Compares what is on disk under an output root with a fresh render, file by file. */
public final class DriftCheck {
    public enum Kind { MISSING, EXTRA, CHANGED, MODE }

    /** One difference; {@code line} is the first differing line (1-based) for CHANGED, else 0. */
    public record Difference(String path, Kind kind, int line, String detail) {
        @Override
        public String toString() {
            return switch (kind) {
                case MISSING -> path + ": missing (rendered, not on disk)";
                case EXTRA -> path + ": extra (on disk, no longer rendered)";
                case CHANGED -> path + ": differs at line " + line + " (" + detail + ")";
                case MODE -> path + ": " + detail;
            };
        }
    }

    private DriftCheck() {
    }

    public static List<Difference> compare(Path outputRoot, List<RenderedFile> files) throws IOException {
        Path root = outputRoot.toAbsolutePath().normalize();
        List<Difference> out = new ArrayList<>();
        Set<String> rendered = new HashSet<>();
        for (RenderedFile file : files) {
            rendered.add(file.path());
            Path target = ManagedTree.resolve(root, file.path());
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                out.add(new Difference(file.path(), Kind.MISSING, 0, ""));
                continue;
            }
            String actual = new String(Files.readAllBytes(target), StandardCharsets.UTF_8);
            if (!actual.equals(file.content())) {
                int line = firstDifferingLine(file.content(), actual);
                out.add(new Difference(file.path(), Kind.CHANGED, line,
                        "rendered: " + excerpt(line(file.content(), line)) + ", on disk: " + excerpt(line(actual, line))));
            } else if (ManagedTree.posix() && ManagedTree.isExecutable(target) != file.executable()) {
                out.add(new Difference(file.path(), Kind.MODE, 0,
                        file.executable() ? "should be executable" : "should not be executable"));
            }
        }
        for (String path : ManagedTree.files(root)) {
            if (!rendered.contains(path)) {
                out.add(new Difference(path, Kind.EXTRA, 0, ""));
            }
        }
        out.sort((a, b) -> a.path().compareTo(b.path()));
        return out;
    }

    static int firstDifferingLine(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (!a[i].equals(b[i])) {
                return i + 1;
            }
        }
        return n + 1;
    }

    private static String line(String text, int number) {
        String[] lines = text.split("\n", -1);
        return number <= lines.length ? lines[number - 1] : null;
    }

    private static String excerpt(String line) {
        if (line == null) {
            return "end of file";
        }
        return "`" + (line.length() > 100 ? line.substring(0, 100) + "…" : line) + "`";
    }
}
