package io.vpai.harness.isolation;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Tag("gate")
@DisplayName("Host listeners note who connected")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.ISOLATION_MATRIX)
class HostListenersTest {

    @Test
    void eachKeyGetsItsOwnPortAndNotesWhoConnected() throws Exception {
        Map<String, String> addresses = new LinkedHashMap<>();
        addresses.put("redis", "127.0.0.1");
        addresses.put("n8n", "127.0.0.1");
        try (HostListeners listeners = HostListeners.open(addresses)) {
            int redis = listeners.port("redis");
            int n8n = listeners.port("n8n");
            assertThat(redis).isNotEqualTo(n8n).isPositive();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", redis), 1000);
            }
            await().atMost(java.time.Duration.ofSeconds(2))
                    .until(() -> !listeners.peers("127.0.0.1", redis).isEmpty());
            assertThat(listeners.peers("127.0.0.1", redis)).containsExactly("127.0.0.1");
            assertThat(listeners.peers("127.0.0.1", n8n)).isEmpty();
            assertThat(listeners.unbound()).isEmpty();
        }
    }

    @Test
    void anAddressTheHostDoesNotOwnIsListedNotFatal() {
        // Binding sends nothing; TEST-NET-3 is simply not an address of this machine.
        try (HostListeners listeners = HostListeners.open(Map.of("sentinel", "203.0.113.77"))) {
            assertThat(listeners.unbound()).containsExactly("203.0.113.77");
            assertThat(listeners.port("sentinel")).isEqualTo(HostListeners.NO_LISTENER);
        }
    }
}
