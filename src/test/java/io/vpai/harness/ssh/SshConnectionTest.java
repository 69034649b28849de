package io.vpai.harness.ssh;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.engine.ShellResult;

import io.vpai.harness.environment.HostKeyPolicy;
import io.vpai.harness.environment.SshEndpoint;
import io.vpai.harness.support.BesideTheStack;
import io.vpai.harness.support.RequiresDocker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The SSH connection against a real sshd (the offline image, on a random loopback port): the pinned key lets it in,
 * and every kind of bad input — wrong key, unknown or changed host key, refused or unanswered port, a server that
 * never speaks, a command that hangs — ends in one clear line within a bounded time.
 */
@Tag("stack")
@Tag("ssh")
@RequiresDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("SSH connection")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.SSH)
@BesideTheStack
class SshConnectionTest {
    private static final Duration CONNECT = Duration.ofSeconds(2);
    private static final Duration HANDSHAKE = Duration.ofSeconds(3);

    Path work;
    LocalSshHost sshd;

    @BeforeAll
    void startSshd(@TempDir Path directory) {
        work = directory;
        LocalSshHost.reapLeftovers();
        sshd = LocalSshHost.start(Path.of("").toAbsolutePath(), work, LocalSshHost.Options.plain(),
                line -> System.out.println("[sshd] " + line));
    }

    @AfterAll
    void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private SshConnection open(SshEndpoint endpoint) {
        return SshConnection.open(endpoint, CONNECT, HANDSHAKE);
    }

    /** Runs {@code attempt}, expecting an {@link SshException} within {@code bound}; returns it. */
    private static <T extends SshException> T failsWithin(Duration bound, Class<T> type, Supplier<?> attempt) {
        long start = System.nanoTime();
        T error = catchThrowableOfType(type, attempt::get);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(error).as("expected %s", type.getSimpleName()).isNotNull();
        assertThat(took).as("time to fail with: %s", error.getMessage()).isLessThan(bound);
        assertThat(error.getMessage()).as("one line").doesNotContain("\n");
        System.out.println("[ssh] failed in " + took.toMillis() + " ms: " + error.getMessage());
        return error;
    }

    @Nested
    @DisplayName("the pinned host key")
    @Epic(Behaviors.HARNESS)
    @Feature(Behaviors.SSH)
    class PinnedHostKey {
        @Test
        @DisplayName("a known_hosts entry for the host lets the authorized key in")
        void knownHostsEntryConnects() {
            try (SshConnection connection = open(sshd.endpoint("preprod-local", true))) {
                ShellResult result = connection.run("echo connected; echo oops >&2; exit 7", Duration.ofSeconds(10));
                assertThat(result.stdout()).isEqualTo("connected\n");
                assertThat(result.stderr()).isEqualTo("oops\n");
                assertThat(result.exitCode()).isEqualTo(7);
            }
        }

        @Test
        @DisplayName("the pinned fingerprint (as ssh-keygen -lf prints it) lets the authorized key in")
        void fingerprintConnects() {
            SshEndpoint endpoint = sshd.endpoint("preprod-local", sshd.clientKey(),
                    new HostKeyPolicy.Fingerprint(sshd.hostKey().fingerprint()), true);
            try (SshConnection connection = open(endpoint)) {
                assertThat(connection.run("cat", "fed through stdin", Duration.ofSeconds(10)).stdout())
                        .isEqualTo("fed through stdin");
            }
        }

        @Test
        @DisplayName("a host missing from known_hosts is refused, naming host, port, presented key and the file")
        void unknownHostIsRefused() {
            SshKeys elsewhere = SshKeys.generate(work.resolve("other/unknown_key"), "another host");
            Path knownHosts = work.resolve("known_hosts.unknown");
            writeString(knownHosts, "[127.0.0.1]:1 " + elsewhere.typeAndKey() + "\n");
            SshEndpoint endpoint = sshd.endpoint("preprod-local", sshd.clientKey(),
                    new HostKeyPolicy.KnownHosts(knownHosts.toString()), true);
            SshException.HostKeyRefused e = failsWithin(Duration.ofSeconds(5), SshException.HostKeyRefused.class,
                    () -> open(endpoint));
            assertThat(e.getMessage()).contains("host key refused: 127.0.0.1:" + sshd.port(),
                    "presented ssh-ed25519 " + sshd.hostKey().fingerprint(),
                    "no key for [127.0.0.1]:" + sshd.port() + " in known_hosts " + knownHosts, "unknown host");
        }

        @Test
        @DisplayName("a changed host key is refused, naming the key expected and the key presented")
        void changedHostKeyIsRefused() {
            SshKeys impostor = SshKeys.generate(work.resolve("other/changed_key"), "the key pinned before");
            Path knownHosts = sshd.knownHosts("known_hosts.changed", impostor);
            SshEndpoint endpoint = sshd.endpoint("preprod-local", sshd.clientKey(),
                    new HostKeyPolicy.KnownHosts(knownHosts.toString()), true);
            SshException.HostKeyRefused e = failsWithin(Duration.ofSeconds(5), SshException.HostKeyRefused.class,
                    () -> open(endpoint));
            assertThat(e.getMessage()).contains("presented ssh-ed25519 " + sshd.hostKey().fingerprint(),
                    "expected ssh-ed25519 " + impostor.fingerprint() + " from known_hosts " + knownHosts,
                    "the host key changed");
        }

        @Test
        @DisplayName("a fingerprint that does not match is refused, naming both fingerprints")
        void fingerprintMismatchIsRefused() {
            SshKeys other = SshKeys.generate(work.resolve("other/fp_key"), "not the host");
            SshEndpoint endpoint = sshd.endpoint("preprod-local", sshd.clientKey(),
                    new HostKeyPolicy.Fingerprint(other.fingerprint()), true);
            SshException.HostKeyRefused e = failsWithin(Duration.ofSeconds(5), SshException.HostKeyRefused.class,
                    () -> open(endpoint));
            assertThat(e.getMessage()).contains("root@127.0.0.1:" + sshd.port() + " (preprod-local)",
                    "presented ssh-ed25519 " + sshd.hostKey().fingerprint(),
                    "expected " + other.fingerprint() + " (the environment's pinned fingerprint)");
        }
    }

    @Nested
    @DisplayName("bad input")
    @Epic(Behaviors.HARNESS)
    @Feature(Behaviors.SSH)
    class BadInput {
        @Test
        @DisplayName("a key the host does not authorize is refused at login")
        void wrongKeyIsRefused() {
            SshKeys stranger = SshKeys.generate(work.resolve("other/id_stranger"), "not authorized");
            SshEndpoint endpoint = sshd.endpoint("preprod-local", stranger,
                    new HostKeyPolicy.KnownHosts(sshd.knownHosts("known_hosts", sshd.hostKey()).toString()), true);
            SshException e = failsWithin(Duration.ofSeconds(10), SshException.class, () -> open(endpoint));
            assertThat(e).isNotInstanceOf(SshException.HostKeyRefused.class);
            assertThat(e.getMessage()).contains("login refused: 127.0.0.1:" + sshd.port() + " does not accept the key "
                    + stranger.privateKey() + " for user 'root'");
        }

        @Test
        @DisplayName("a closed loopback port is refused at once")
        void closedPortIsRefusedFast() throws IOException {
            int port = LoopbackPorts.closed();
            SshException e = failsWithin(Duration.ofSeconds(2), SshException.class, () -> open(at(port)));
            assertThat(e.getMessage()).contains("connection refused by 127.0.0.1:" + port);
        }

        @Test
        @DisplayName("a port that does not answer times out after the connect timeout")
        void unansweredPortTimesOut() throws IOException {
            try (LoopbackPorts.Unanswering silent = new LoopbackPorts.Unanswering()) {
                long start = System.nanoTime();
                SshException e = failsWithin(CONNECT.plusSeconds(3), SshException.class, () -> open(at(silent.port())));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(CONNECT.minusMillis(200));
                assertThat(e.getMessage()).contains("no answer from 127.0.0.1:" + silent.port() + " within 2 s");
            }
        }

        @Test
        @DisplayName("a server that accepts but never speaks SSH is given up after the handshake timeout")
        void silentServerTimesOut() throws IOException {
            try (LoopbackPorts.Silent silent = new LoopbackPorts.Silent()) {
                SshException e = failsWithin(CONNECT.plus(HANDSHAKE).plusSeconds(3), SshException.class,
                        () -> open(at(silent.port())));
                assertThat(e.getMessage()).contains("127.0.0.1:" + silent.port()
                        + " accepted the connection but completed no SSH handshake within 5 s");
            }
        }

        @Test
        @DisplayName("a command that hangs is killed after its timeout, here and on the host")
        void hangingCommandIsKilled() {
            try (SshConnection connection = open(sshd.endpoint("preprod-local", true))) {
                SshException.CommandTimeout e = failsWithin(Duration.ofSeconds(5), SshException.CommandTimeout.class,
                        () -> connection.run("sleep 600", Duration.ofSeconds(2)));
                assertThat(e.getMessage()).contains("command did not end within 2 s and was killed: sleep 600");
                // the twin: a command that ends in time is not cut short
                assertThat(connection.run("sleep 1; echo done", Duration.ofSeconds(5)).stdout()).isEqualTo("done\n");
                // and nothing is left running on the host once timeout(1) there has fired
                assertThat(awaitNoSleep(Duration.ofSeconds(10))).as("'sleep 600' still running in the sshd container")
                        .isTrue();
            }
        }

        private boolean awaitNoSleep(Duration deadline) {
            long end = System.nanoTime() + deadline.toNanos();
            while (System.nanoTime() < end) {
                if (!sshd.exec("ps -eo args | grep -q '^sleep 600'").ok()) {
                    return true;
                }
                sleep(250);
            }
            return false;
        }

        private SshEndpoint at(int port) {
            return new SshEndpoint("preprod-local", "127.0.0.1", port, "root", sshd.clientKey().privateKey(),
                    new HostKeyPolicy.Fingerprint(sshd.hostKey().fingerprint()), true);
        }
    }

    @Nested
    @DisplayName("SFTP")
    @Epic(Behaviors.HARNESS)
    @Feature(Behaviors.SSH)
    class Sftp {
        @Test
        @DisplayName("a file is written with its mode, and an existing file is narrowed before it is filled")
        void writesWithMode() {
            try (SshConnection connection = open(sshd.endpoint("preprod-local", true))) {
                connection.write("/tmp/vpai-sftp/a/secret.env", "A=1\n".getBytes(StandardCharsets.UTF_8), 0600);
                connection.write("/tmp/vpai-sftp/a/open.txt", "x\n".getBytes(StandardCharsets.UTF_8), 0644);
                assertThat(connection.run("stat -c '%a %s' /tmp/vpai-sftp/a/secret.env /tmp/vpai-sftp/a/open.txt",
                        Duration.ofSeconds(10)).stdout()).isEqualTo("600 4\n644 2\n");
                connection.write("/tmp/vpai-sftp/a/open.txt", "now secret\n".getBytes(StandardCharsets.UTF_8), 0600);
                assertThat(connection.run("stat -c %a /tmp/vpai-sftp/a/open.txt; cat /tmp/vpai-sftp/a/open.txt",
                        Duration.ofSeconds(10)).stdout()).isEqualTo("600\nnow secret\n");
            }
        }
    }

    private static void writeString(Path file, String text) {
        try {
            java.nio.file.Files.writeString(file, text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
