package io.vpai.harness.gate;

import io.vpai.harness.check.Status;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.vpai.harness.check.FindingsAssert.assertThatFindings;
import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
class BridgeSubnetAdmittedRuleTest {
    private static final LocalDate BEFORE_EXPIRY = LocalDate.of(2026, 3, 1);
    private final Stack vpai = VpaiStack.model();
    private final BridgeSubnetAdmittedRule rule = new BridgeSubnetAdmittedRule();

    @Test
    void theSeedAllowListAdmitsTheFrontendBridge() {
        assertThatFindings(rule.evaluate(vpai))
                .hasFailure("172.20.1.0/24", "vpn_only allow-list entry 172.20.1.0/24 overlaps Docker network 'frontend' "
                        + "(172.20.1.0/24): every request reaching caddy through Docker's userland proxy comes from "
                        + "172.20.1.1 and is admitted as if from the VPN")
                .hasFinding(Status.PASS, "100.64.0.0/10", "overlaps no Docker network")
                .failsOnlyAbout("172.20.1.0/24");
    }

    @Test
    void withTheModelsWaiverTheGateReportsItAsWaived() {
        GateReport report = Gate.run(vpai, BEFORE_EXPIRY);
        RuleResult result = report.rules().stream().filter(r -> r.id().equals(BridgeSubnetAdmittedRule.ID))
                .findFirst().orElseThrow();
        assertThat(result.status()).isEqualTo(Status.WAIVED);
        assertThatFindings(result.findings()).hasFinding(Status.WAIVED, "172.20.1.0/24", "overlaps Docker network 'frontend'");
    }

    @Test
    void anEntryCoveringAnotherDockerNetworkFails() {
        List<Cidr> allowList = new ArrayList<>(vpai.proxy().vpnOnlyAllowList());
        allowList.add(Cidr.parse("172.20.0.0/16"));
        Stack broken = vpai.withProxy(vpai.proxy().withAllowList(allowList));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("172.20.0.0/16", "vpn_only allow-list entry 172.20.0.0/16 overlaps Docker network 'monitoring' "
                        + "(172.20.3.0/24): any container or host path using that network is admitted as if from the VPN")
                .hasFailureContaining("172.20.0.0/16", "Docker network 'backend'", "comes from 172.20.2.1");
    }

    @Test
    void aTailnetOnlyAllowListPasses() {
        Stack fixed = vpai.withProxy(vpai.proxy().withAllowList(List.of(vpai.tailnet().prefix())));
        assertThatFindings(rule.evaluate(fixed)).allPass();
    }
}
