package io.vpai.harness.engine;

import java.util.List;
import java.util.stream.Collectors;

/** POSIX shell quoting for the command lines the target sends: every word single-quoted, so nothing is expanded. */
public final class ShellWords {
    private ShellWords() {
    }

    /** {@code it's} → {@code 'it'\''s'}. */
    public static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    public static String join(List<String> words) {
        return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }

    public static String join(String... words) {
        return join(List.of(words));
    }
}
