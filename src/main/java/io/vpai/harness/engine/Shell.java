package io.vpai.harness.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the docker CLI runs: this machine ({@link LocalShell}) or a host over SSH. Everything the harness does to an
 * engine goes through one of these, so the container stack and an SSH host share one {@link DockerEngine}; and the
 * read-only checks can be tested with a shell that records (or forbids) every call.
 */
public interface Shell extends AutoCloseable {
    /**
     * Runs {@code command} through a POSIX shell; {@code stdin} (may be null) is sent and closed first.
     *
     * @throws RuntimeException naming the command when it has not ended within {@code timeout} (it is killed)
     */
    ShellResult run(String command, String stdin, Duration timeout);

    default ShellResult run(String command, Duration timeout) {
        return run(command, null, timeout);
    }

    /**
     * Starts a long-lived command and hands each line it prints to {@code lines} as it comes, until the returned
     * handle is closed; {@code limit} bounds it whatever happens to this process.
     */
    Following follow(String command, Duration limit, Consumer<String> lines);

    /** A running {@link #follow}: closing it stops the command. */
    interface Following extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Starts a long-lived command to talk to line by line, where this shell can hold one open (this machine's can;
     * a shell that cannot answers empty, and the caller runs one command per request instead).
     */
    default Optional<Conversation> converse(String command) {
        return Optional.empty();
    }

    /** A running {@link #converse}: requests on its stdin, answers on its stdout; closing it stops the command. */
    interface Conversation extends AutoCloseable {
        /**
         * Sends {@code request} and returns the lines printed up to the line {@code terminator} (not included).
         *
         * @throws EngineException when the command ended, or printed no {@code terminator} within {@code timeout}
         *                         (the conversation is then closed: what it would print next is unknown)
         */
        List<String> ask(String request, String terminator, Duration timeout);

        @Override
        void close();
    }

    /** Writes {@code content} to {@code path} with permission bits {@code mode} set before any byte is written. */
    void write(String path, byte[] content, int mode);

    /** {@code this machine}, or {@code user@host:port (environment)}: for messages. */
    String describe();

    @Override
    void close();
}
