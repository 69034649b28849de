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

import static io.vpai.harness.check.FindingsAssert.assertThatFindings;
import static io.vpai.harness.check.Status.PASS;

@Tag("gate")
@DisplayName("Gate rule: networks are the architecture's")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.GATE_RULES)
class NetworkBaselineRuleTest {
    private final Stack vpai = VpaiStack.model();
    private final NetworkBaselineRule rule = new NetworkBaselineRule();

    @Test
    void theModelsNetworksAreTheArchitectures() {
        assertThatFindings(rule.evaluate(vpai)).allPass()
                .hasFinding(PASS, "backend", "network 'backend' is internal 172.20.2.0/24, as in the architecture baseline (sections 1-2)")
                .hasFinding(PASS, "egress", "network 'egress' is bridge 172.20.4.0/24");
    }

    @Test
    void aChangedSubnetFailsNamingTheBaseline() {
        Stack broken = vpai.withNetworks(replace("monitoring", Network.internal("monitoring", "172.20.30.0/24")));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("monitoring", "network 'monitoring' has subnet 172.20.30.0/24 in the model; "
                        + "the architecture baseline (sections 1-2) has 172.20.3.0/24")
                .failsOnlyAbout("monitoring");
    }

    @Test
    void aChangedInternalFlagFailsNamingTheBaseline() {
        Stack broken = vpai.withNetworks(replace("backend", Network.bridge("backend", "172.20.2.0/24")));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("backend", "network 'backend' is bridge in the model; the architecture baseline "
                        + "(sections 1-2) has it internal")
                .failsOnlyAbout("backend");
    }

    @Test
    void aNetworkTheArchitectureDoesNotHaveFails() {
        List<Network> more = new ArrayList<>(vpai.networks());
        more.add(Network.internal("scratch", "172.20.9.0/24"));
        assertThatFindings(rule.evaluate(vpai.withNetworks(more)))
                .hasFailure("scratch", "network 'scratch' (172.20.9.0/24) is in the model; the architecture baseline "
                        + "(sections 1-2) has no such network")
                .failsOnlyAbout("scratch");
    }

    private List<Network> replace(String name, Network by) {
        return vpai.networks().stream().map(n -> n.name().equals(name) ? by : n).toList();
    }
}
