package io.vpai.harness.ssh;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.environment.HostKeyPolicy;
import io.vpai.harness.environment.SshEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The handshake's bounds without an sshd: loopback ports that refuse, or accept and never speak. */
@DisplayName("The SSH handshake's bounds, against ports that refuse or never speak")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.SSH)
class SshHandshakeTest {
    private static final Duration CONNECT = Duration.ofSeconds(1);
    private static final Duration HANDSHAKE = Duration.ofSeconds(1);

    @TempDir
    Path work;

    private SshEndpoint at(int port) {
        SshKeys key = SshKeys.generate(work.resolve("id_test"), "handshake test");
        return new SshEndpoint("handshake-test", "127.0.0.1", port, "root", key.privateKey(),
                new HostKeyPolicy.Fingerprint(key.fingerprint()), false);
    }

    @Test
    void aClosedLoopbackPortIsRefusedAtOnce() throws IOException {
        int port = LoopbackPorts.closed();
        SshEndpoint endpoint = at(port);
        SshException e = catchThrowableOfType(SshException.class, () -> SshConnection.open(endpoint, CONNECT, HANDSHAKE));
        // Refused, not timed out: the message says which (no wall-clock bound: it fails on a loaded machine).
        assertThat(e.getMessage()).contains("connection refused by 127.0.0.1:" + port).doesNotContain("\n");
    }

    @Test
    void aServerThatNeverSpeaksIsGivenUpByTheWatchdog() throws IOException {
        try (LoopbackPorts.Silent silent = new LoopbackPorts.Silent()) {
            SshEndpoint endpoint = at(silent.port());
            long start = System.nanoTime();
            SshException e = catchThrowableOfType(SshException.class,
                    () -> SshConnection.open(endpoint, CONNECT, HANDSHAKE));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // It waited for the handshake before giving up; no upper wall-clock bound (a loaded machine is slow).
            assertThat(took).isGreaterThanOrEqualTo(HANDSHAKE.minusMillis(200));
            assertThat(e.getMessage()).contains("127.0.0.1:" + silent.port()
                    + " accepted the connection but completed no SSH handshake within 2 s");
        }
    }
}
