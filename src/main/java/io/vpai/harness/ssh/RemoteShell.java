package io.vpai.harness.ssh;

import java.time.Duration;

/**
 * The two things the SSH target does on a host: run a command, and write a file. An interface so the
 * read-only checks can be tested with a shell that records (or forbids) every call.
 */
public interface RemoteShell extends AutoCloseable {
    /**
     * Runs {@code command} through the login shell; {@code stdin} (may be null) is sent and closed first.
     *
     * @throws SshException.CommandTimeout when it has not ended within {@code timeout}
     */
    RemoteResult run(String command, String stdin, Duration timeout);

    default RemoteResult run(String command, Duration timeout) {
        return run(command, null, timeout);
    }

    /**
     * Starts a long-lived command and hands each line it prints to {@code lines} as it comes, until the returned
     * handle is closed; {@code limit} bounds it on the host whatever happens to this process.
     */
    default Following follow(String command, Duration limit, java.util.function.Consumer<String> lines) {
        throw new UnsupportedOperationException(describe() + " cannot follow a command");
    }

    /** A running {@link #follow}: closing it stops the command. */
    interface Following extends AutoCloseable {
        @Override
        void close();
    }

    /** Writes {@code content} to {@code path} with permission bits {@code mode} set before any byte is written. */
    void write(String path, byte[] content, int mode);

    /** {@code user@host:port (environment)}, for messages. */
    String describe();

    @Override
    void close();
}
