package io.vpai.harness.ssh;

import io.vpai.harness.stack.ProcessRunner;

/** What a remote command printed, kept apart: stdout is data to parse, stderr explains failures. */
public record RemoteResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }

    /** The last lines of stderr (or stdout when stderr is empty): enough to explain a failure in one message. */
    public String tail(int lines) {
        String text = stderr.isBlank() ? stdout : stderr;
        String[] all = text.strip().split("\n");
        return String.join(" | ", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    /** The shape {@link io.vpai.harness.target.Target#probeFrom} returns: both streams, as a local process would merge them. */
    public ProcessRunner.Result merged() {
        return new ProcessRunner.Result(exitCode, stdout + stderr);
    }
}
