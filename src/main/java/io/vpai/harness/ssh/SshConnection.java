package io.vpai.harness.ssh;

import io.vpai.harness.engine.Shell;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.engine.ShellWords;
import io.vpai.harness.environment.SshEndpoint;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static io.vpai.harness.ssh.SshText.abbreviate;
import static io.vpai.harness.ssh.SshText.cause;
import static io.vpai.harness.ssh.SshText.seconds;

/**
 * One SSH connection to a pinned host, logged in with a key: every way it can go wrong ends in one
 * {@link SshException} line within a bounded time.
 * <ul>
 *   <li>TCP connect, then banner, key exchange and login: bounded by {@link SshHandshake};</li>
 *   <li>each command: its own timeout, enforced here ({@code Command.join}) and on the host ({@code timeout(1)}),
 *       so a hung command neither blocks the run nor lingers on the host;</li>
 *   <li>at most {@value SshSessions#SESSIONS} commands at once ({@link SshSessions}); files go over SFTP
 *       ({@link SftpWriter}).</li>
 * </ul>
 */
public final class SshConnection implements Shell {
    /** The host-side kill fires after the local timeout, so the caller always sees the same {@link SshException.CommandTimeout}. */
    private static final int REMOTE_GRACE_SECONDS = 3;

    private final SSHClient client;
    private final SshEndpoint endpoint;
    private final SshSessions sessions;
    private final SftpWriter files;

    private SshConnection(SSHClient client, SshEndpoint endpoint) {
        this.client = client;
        this.endpoint = endpoint;
        this.sessions = new SshSessions(client, endpoint);
        this.files = new SftpWriter(client, endpoint);
    }

    /**
     * Connects, verifies the host key against the endpoint's pinned source and logs in with its key.
     *
     * @throws SshException.HostKeyRefused when the host's key is unknown or changed
     * @throws SshException                 refused, unanswered, login refused, unreadable key: one line each
     */
    public static SshConnection open(SshEndpoint endpoint, Duration connectTimeout, Duration handshakeTimeout) {
        return new SshConnection(SshHandshake.connect(endpoint, connectTimeout, handshakeTimeout), endpoint);
    }

    @Override
    public ShellResult run(String command, String stdin, Duration timeout) {
        long limit = Math.max(1, timeout.toMillis());
        String guarded = "timeout -k 2 " + (int) Math.ceil(limit / 1000.0 + REMOTE_GRACE_SECONDS) + " sh -c "
                + ShellWords.quote(command);
        sessions.acquire(command);
        Session session = null;
        Session.Command running = null;
        boolean timedOut = false;
        try {
            session = sessions.open();
            running = session.exec(guarded);
            CompletableFuture<String> out = drain(running.getInputStream());
            CompletableFuture<String> err = drain(running.getErrorStream());
            try (OutputStream in = running.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    in.flush();
                }
            }
            try {
                running.join(limit, TimeUnit.MILLISECONDS);
            } catch (IOException stillRunning) {
                // join gives up with an exception when the time is over; the open channel says so below
            }
            if (running.isOpen()) {
                timedOut = true;
                throw new SshException.CommandTimeout(endpoint + ": command did not end within " + seconds(timeout)
                        + " and was killed: " + abbreviate(command));
            }
            Integer status = running.getExitStatus();
            String stdout = out.get(5, TimeUnit.SECONDS);
            String stderr = err.get(5, TimeUnit.SECONDS);
            if (status == null) {
                Signal signal = running.getExitSignal();
                return new ShellResult(-1, stdout, stderr + (signal == null ? "" : "killed by SIG" + signal));
            }
            return new ShellResult(status, stdout, stderr);
        } catch (SshException e) {
            throw e;
        } catch (Exception e) {
            throw new SshException(endpoint + ": running '" + abbreviate(command) + "' failed: " + cause(e), e);
        } finally {
            sessions.release(session, timedOut ? running : null);
        }
    }

    @Override
    public Following follow(String command, Duration limit, Consumer<String> lines) {
        sessions.acquire(command);
        Session session = null;
        try {
            session = sessions.open();
            Session.Command running = session.exec("timeout -k 2 " + Math.max(1, limit.toSeconds()) + " sh -c "
                    + ShellWords.quote(command));
            running.getOutputStream().close();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(
                        running.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.accept(line);
                    }
                } catch (IOException | RuntimeException ended) {
                    // the stream ends when the command is stopped
                }
            }, "ssh-follow " + abbreviate(command));
            reader.setDaemon(true);
            reader.start();
            Session owned = session;
            AtomicBoolean closed = new AtomicBoolean();
            return () -> {
                if (closed.compareAndSet(false, true)) {
                    sessions.release(owned, running);
                }
            };
        } catch (IOException | RuntimeException e) {
            sessions.release(session, null);
            throw new SshException(endpoint + ": cannot start '" + abbreviate(command) + "': " + cause(e), e);
        }
    }

    @Override
    public void write(String path, byte[] content, int mode) {
        files.write(path, content, mode);
    }

    @Override
    public String describe() {
        return endpoint.toString();
    }

    public SshEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public synchronized void close() {
        files.close();
        closeQuietly(client);
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                result.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.complete("");
            }
        }, "ssh-stream-reader");
        reader.setDaemon(true);
        reader.start();
        return result;
    }

    static void closeQuietly(SSHClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing left to release
        }
    }
}
