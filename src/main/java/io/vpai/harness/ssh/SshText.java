package io.vpai.harness.ssh;

import java.time.Duration;
import java.util.Locale;

/** How the SSH classes word durations, causes and commands in their one-line messages. */
final class SshText {
    private SshText() {
    }

    static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** {@code Class: first line of the message} of the root cause. */
    static String cause(Throwable e) {
        Throwable root = rootCause(e);
        return root.getClass().getSimpleName() + ": " + firstLine(root.getMessage());
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String firstLine(String text) {
        if (text == null) {
            return "(no message)";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** Commands can carry scripts; a message shows their start only (and never a secret: none are passed as arguments). */
    static String abbreviate(String command) {
        String flat = command.replace('\n', ' ');
        return flat.length() <= 120 ? flat : flat.substring(0, 117) + "...";
    }
}
