package io.vpai.harness.ssh;

/**
 * Something went wrong talking to a host over SSH. The message is one line that names the endpoint
 * ({@code root@127.0.0.1:2222 (preprod)}) and what to do about it; the cause, if any, is kept for the log.
 */
public class SshException extends RuntimeException {
    public SshException(String message) {
        super(message);
    }

    public SshException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A remote command that did not end within its timeout; it was killed (locally and, via timeout(1), remotely). */
    public static final class CommandTimeout extends SshException {
        public CommandTimeout(String message) {
            super(message);
        }
    }

    /** The host presented a key that is not the pinned one (unknown or changed). */
    public static final class HostKeyRefused extends SshException {
        public HostKeyRefused(String message) {
            super(message);
        }
    }
}
