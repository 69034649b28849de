package io.vpai.harness.mesh;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("Headscale's restart holds the nodes' new control connections, and lets go of exactly that hold")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.CONTAINER_STACK)
class ControlRestartTest {
    @Test
    @DisplayName("the hold drops only new TCP connections to Headscale's address and port; release and check name the same rule")
    void holdReleaseAndCheckNameOneRule() {
        String rule = ControlRestart.rule("198.51.100.40");
        assertThat(rule).isEqualTo("OUTPUT -p tcp --syn -d 198.51.100.40 --dport 443 -j DROP");
        assertThat(ControlRestart.hold("198.51.100.40")).isEqualTo("iptables -I " + rule);
        assertThat(ControlRestart.release("198.51.100.40")).isEqualTo("iptables -D " + rule);
        assertThat(ControlRestart.check("198.51.100.40")).startsWith("iptables -C " + rule);
        assertThat(ControlRestart.rule("198.51.100.41")).as("another address, another rule").isNotEqualTo(rule);
    }
}
