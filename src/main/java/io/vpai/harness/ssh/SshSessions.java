package io.vpai.harness.ssh;

import io.vpai.harness.environment.SshEndpoint;
import io.vpai.harness.wait.Poll;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.vpai.harness.ssh.SshText.abbreviate;
import static io.vpai.harness.ssh.SshText.firstLine;

/**
 * The session channels of one connection: at most {@value #SESSIONS} at once (OpenSSH allows 10 per connection, one
 * is SFTP's), each opened when a command starts and released when it ends, an overrunning one in the background.
 */
final class SshSessions {
    static final int SESSIONS = 8;
    /** How long a refused session open is retried: the server may still count a just-closed session. */
    private static final Duration OPEN_PATIENCE = Duration.ofSeconds(2);

    private final SSHClient client;
    private final SshEndpoint endpoint;
    private final Semaphore free = new Semaphore(SESSIONS, true);

    SshSessions(SSHClient client, SshEndpoint endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    /** Waits (2 min at most) for one of the {@value #SESSIONS} slots; {@link #release} gives it back. */
    void acquire(String command) {
        try {
            if (!free.tryAcquire(2, TimeUnit.MINUTES)) {
                throw new SshException(endpoint + ": no free SSH session for 2 min to run '" + abbreviate(command) + "'");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException(endpoint + ": interrupted while waiting for an SSH session");
        }
    }

    /**
     * A new session channel. The server may still count a just-closed session against its limit (OpenSSH: 10 per
     * connection), so a refused open is retried for {@link #OPEN_PATIENCE} before it counts as a failure.
     */
    Session open() throws IOException {
        AtomicReference<OpenFailException> refused = new AtomicReference<>();
        try {
            return Poll.of("a session channel from " + endpoint, () -> tryOpen(refused))
                    .every(Duration.ofMillis(200))
                    .describedAs(s -> s.isPresent() ? "open" : "refused: " + firstLine(refused.get().getMessage()))
                    .until(Optional::isPresent, OPEN_PATIENCE).orElseThrow();
        } catch (Poll.WaitTimeout e) {
            throw refused.get() != null ? refused.get() : new IOException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Optional<Session> tryOpen(AtomicReference<OpenFailException> refused) {
        try {
            return Optional.of(client.startSession());
        } catch (OpenFailException e) {
            refused.set(e);
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A finished session closes at once. An overrunning command is told to stop (TERM, which timeout(1) on the host
     * passes on to the command) and its session closed in the background: the server confirms the close only once
     * the command has ended, and the caller must not wait for that. timeout(1) on the host bounds it in any case.
     */
    void release(Session session, Session.Command overrunning) {
        if (session == null) {
            free.release();
            return;
        }
        if (overrunning == null) {
            closeQuietly(session);
            free.release();
            return;
        }
        Thread closer = new Thread(() -> {
            try {
                overrunning.signal(Signal.TERM);
            } catch (IOException | RuntimeException ignored) {
                // not every server honours signals
            }
            try {
                closeQuietly(session);
            } finally {
                free.release();
            }
        }, "ssh-close-overrunning-session");
        closer.setDaemon(true);
        closer.start();
    }

    private static void closeQuietly(Session session) {
        try {
            session.close();
        } catch (IOException | RuntimeException ignored) {
            // already gone
        }
    }
}
