package io.vpai.harness.target;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Ipv4;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one safety rule: inside a harness network from the stack, loopback from the JVM, nothing else. */
@Tag("gate")
@DisplayName("Network guard")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.NETWORK_SAFETY)
class NetworkGuardTest {
    private final NetworkGuard guard = new NetworkGuard("offline",
            List.of(Cidr.parse("172.20.1.0/24"), Cidr.parse("100.64.0.0/10")));

    @Test
    void anAddressInsideAHarnessNetworkIsAdmitted() {
        Ipv4 n8n = Ipv4.parse("172.20.1.30");
        assertThat(guard.requireInside(n8n, "probe", "caddy → 172.20.1.30:5678")).isEqualTo(n8n);
        assertThat(guard.requireInside("100.127.255.254", "probe", "vpn client")).hasToString("100.127.255.254");
        assertThat(guard.isInside(Ipv4.parse("172.20.2.1"))).isFalse();
    }

    @Test
    void anAddressOutsideIsRefusedNamingAddressProberAndEnvironment() {
        assertThatThrownBy(() -> guard.requireInside(Ipv4.parse("137.74.114.167"), "send a request to",
                "from fixture-internet-client"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("refusing to send a request to 137.74.114.167 (from fixture-internet-client): not inside a "
                        + "network of environment 'offline' [172.20.1.0/24, 100.64.0.0/10]");
        assertThatThrownBy(() -> guard.requireInside("192.0.2.1", "probe", "n8n → 192.0.2.1:22"))
                .hasMessageStartingWith("refusing to probe 192.0.2.1 (n8n → 192.0.2.1:22): not inside");
        // Loopback is the JVM's, not a destination inside the stack.
        assertThatThrownBy(() -> guard.requireInside(Ipv4.parse("127.0.0.1"), "probe", "n8n → 127.0.0.1:80"))
                .hasMessageContaining("refusing to probe 127.0.0.1");
    }

    @Test
    void theJvmTalksToLoopbackOnly() {
        assertThat(guard.requireLoopback(Ipv4.parse("127.0.0.1"), "send / to", "HTTPS from the test JVM"))
                .hasToString("127.0.0.1");
        assertThat(NetworkGuard.isLoopback(Ipv4.parse("127.255.255.254"))).isTrue();
        assertThatThrownBy(() -> guard.requireLoopback(Ipv4.parse("172.20.1.10"), "send / to", "HTTPS from the test JVM"))
                .hasMessage("refusing to send / to 172.20.1.10 (HTTPS from the test JVM): the test JVM only talks to "
                        + "loopback (environment 'offline')");
        assertThatThrownBy(() -> NetworkGuard.loopbackOnly("unit").requireInside("127.0.0.1", "query", "dnsjava"))
                .hasMessageContaining("not inside a network of environment 'unit' []");
    }

    @Test
    void garbageIsRefusedLikeAnOutsideAddressNeverResolved() {
        for (String garbage : List.of("", "llm.ewutelo.cloud", "localhost", "172.20.1", "172.20.1.300", "172.20.1.1/24",
                " 172.20.1.30", "+172.20.1.30", "::1")) {
            assertThatThrownBy(() -> guard.requireInside(garbage, "probe", "test"))
                    .as("'%s'", garbage).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("refusing to probe '" + garbage + "' (test): not an IPv4 address (environment 'offline')");
            assertThatThrownBy(() -> guard.requireLoopback(garbage, "probe", "test"))
                    .as("'%s'", garbage).hasMessageStartingWith("refusing to probe '" + garbage + "'");
        }
        assertThatThrownBy(() -> guard.requireInside((String) null, "probe", "test")).hasMessageContaining("refusing");
    }
}
