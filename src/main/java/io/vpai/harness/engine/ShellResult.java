package io.vpai.harness.engine;

import java.util.Arrays;

/** What a command printed, kept apart: stdout is data to parse, stderr explains failures. */
public record ShellResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }

    /** Both streams, as a terminal would show them: what a probe script's answer lines are read from. */
    public String output() {
        return stdout + stderr;
    }

    /** The last lines of stderr (or stdout when stderr is empty): enough to explain a failure in one message. */
    public String tail(int lines) {
        String text = stderr.isBlank() ? stdout : stderr;
        String[] all = text.strip().split("\n");
        return String.join(" | ", Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }
}
