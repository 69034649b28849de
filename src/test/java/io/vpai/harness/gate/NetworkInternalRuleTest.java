package io.vpai.harness.gate;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.Network;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static io.vpai.harness.check.FindingsAssert.assertThatFindings;

@Tag("gate")
@DisplayName("Gate rule: networks are internal unless they must route out")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.GATE_RULES)
class NetworkInternalRuleTest {
    private final Stack vpai = VpaiStack.model();
    private final NetworkInternalRule rule = new NetworkInternalRule();

    @Test
    void theSeedModelKeepsBackendAndMonitoringInternal() {
        assertThatFindings(rule.evaluate(vpai)).allPass()
                .hasFinding(io.vpai.harness.check.Status.PASS, "backend", "is internal")
                .hasFinding(io.vpai.harness.check.Status.PASS, "monitoring", "is internal");
    }

    @Test
    void aBackendWithARouteOutFails() {
        Stack broken = withNetwork(vpai, "backend", n -> n.withInternal(false));
        assertThatFindings(rule.evaluate(broken))
                .hasFailureContaining("backend", "network 'backend' (172.20.2.0/24) is not internal",
                        "postgresql", "could reach the internet")
                .failsOnlyAbout("backend");
    }

    @Test
    void anInternalFrontendCannotPublishTheProxy() {
        Stack broken = withNetwork(vpai, "frontend", n -> n.withInternal(true));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("frontend", "network 'frontend' (172.20.1.0/24) is the frontend but is internal: "
                        + "Docker cannot publish caddy's ports through it");
    }

    @Test
    void anyNewBridgeNetworkMustBeInternal() {
        List<Network> networks = new ArrayList<>(vpai.networks());
        networks.add(Network.bridge("storage", "172.20.5.0/24"));
        assertThatFindings(rule.evaluate(vpai.withNetworks(networks)))
                .hasFailureContaining("storage", "is not internal").failsOnlyAbout("storage");
    }

    static Stack withNetwork(Stack stack, String name, UnaryOperator<Network> change) {
        return stack.withNetworks(stack.networks().stream().map(n -> n.name().equals(name) ? change.apply(n) : n).toList());
    }
}
