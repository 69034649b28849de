package io.vpai.harness.engine;

/**
 * A docker command that failed or could not run, on this machine or a host. The message is one line naming
 * where ({@link Shell#describe()}), what the harness was doing, the exit code and the command's last words.
 */
public class EngineException extends RuntimeException {
    public EngineException(String message) {
        super(message);
    }

    static EngineException failed(Shell shell, String what, ShellResult result) {
        return new EngineException(shell.describe() + ": cannot " + what + " (exit " + result.exitCode() + "): "
                + result.tail(3));
    }
}
