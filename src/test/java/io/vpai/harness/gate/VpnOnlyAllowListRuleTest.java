package io.vpai.harness.gate;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.check.Finding;
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
@DisplayName("Gate rule: the vpn_only allow-list admits only the tailnet")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.GATE_RULES)
class VpnOnlyAllowListRuleTest {
    private static final LocalDate BEFORE_EXPIRY = LocalDate.of(2026, 3, 1);
    private final Stack vpai = VpaiStack.model();
    private final VpnOnlyAllowListRule rule = new VpnOnlyAllowListRule();

    @Test
    void theSeedAllowListFailsOnlyAboutTheFrontendBridge() {
        assertThatFindings(rule.evaluate(vpai))
                .hasFailure("172.20.1.0/24", "vpn_only allow-list entry 172.20.1.0/24 is in the model; the architecture "
                        + "baseline (section 2.5) admits only the tailnet 100.64.0.0/10; it overlaps Docker network "
                        + "'frontend' (172.20.1.0/24): every request reaching caddy through Docker's userland proxy comes "
                        + "from 172.20.1.1 and is admitted as if from the VPN")
                .hasFinding(Status.PASS, "100.64.0.0/10", "is the tailnet, as the architecture baseline (section 2.5) has it")
                .failsOnlyAbout("172.20.1.0/24");
    }

    @Test
    void withTheModelsWaiverTheGateReportsTheBridgeEntryAsWaived() {
        RuleResult result = Gate.run(vpai, BEFORE_EXPIRY).rules().stream()
                .filter(r -> r.id().equals(VpnOnlyAllowListRule.ID)).findFirst().orElseThrow();
        assertThat(result.status()).isEqualTo(Status.WAIVED);
        assertThatFindings(result.findings()).hasFinding(Status.WAIVED, "172.20.1.0/24", "overlaps Docker network 'frontend'");
    }

    @Test
    void anAllowAllEntryFailsTheGateDespiteTheBridgeWaiver() {
        List<Cidr> allowList = new ArrayList<>(vpai.proxy().vpnOnlyAllowList());
        allowList.add(Cidr.parse("0.0.0.0/0"));
        Stack broken = vpai.withProxy(vpai.proxy().withAllowList(allowList)); // the model's normal waivers

        GateReport report = Gate.run(broken, BEFORE_EXPIRY);

        assertThat(report.passed()).isFalse();
        assertThat(report.findings(Status.FAIL)).singleElement().satisfies(f -> {
            assertThat(f.checkId()).isEqualTo("acl.vpn-only-allow-list");
            assertThat(f.subject()).isEqualTo("0.0.0.0/0");
            assertThat(f.waiver()).isEmpty();
            assertThat(f.message()).startsWith("vpn_only allow-list entry 0.0.0.0/0 is in the model; the architecture "
                    + "baseline (section 2.5) admits only the tailnet 100.64.0.0/10; it overlaps Docker network 'frontend'");
        });
        assertThat(report.findings(Status.WAIVED)).extracting(Finding::subject).containsExactly("172.20.1.0/24");
    }

    @Test
    void anEntryCoveringAnotherDockerNetworkFailsNamingThem() {
        List<Cidr> allowList = new ArrayList<>(vpai.proxy().vpnOnlyAllowList());
        allowList.add(Cidr.parse("172.20.0.0/16"));
        Stack broken = vpai.withProxy(vpai.proxy().withAllowList(allowList));
        assertThatFindings(rule.evaluate(broken))
                .hasFailureContaining("172.20.0.0/16", "overlaps Docker network 'monitoring' (172.20.3.0/24): any "
                        + "container or host path using that network is admitted as if from the VPN")
                .hasFailureContaining("172.20.0.0/16", "Docker network 'backend'", "comes from 172.20.2.1");
    }

    @Test
    void aNonDockerEntryStillFails() {
        Stack broken = vpai.withProxy(vpai.proxy().withAllowList(List.of(Cidr.parse("100.64.0.0/10"),
                Cidr.parse("203.0.113.0/24"))));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("203.0.113.0/24", "vpn_only allow-list entry 203.0.113.0/24 is in the model; the architecture "
                        + "baseline (section 2.5) admits only the tailnet 100.64.0.0/10; it admits non-VPN sources")
                .failsOnlyAbout("203.0.113.0/24");
    }

    @Test
    void anAllowListWithoutTheTailnetFails() {
        Stack broken = vpai.withProxy(vpai.proxy().withAllowList(List.of(Cidr.parse("100.64.0.0/16"))));
        assertThatFindings(rule.evaluate(broken))
                .hasFailureContaining("100.64.0.0/10", "does not admit the tailnet 100.64.0.0/10", "VPN clients get 403")
                .hasFailureContaining("100.64.0.0/16", "admits only the tailnet 100.64.0.0/10");
    }

    @Test
    void aTailnetOnlyAllowListPasses() {
        Stack fixed = vpai.withProxy(vpai.proxy().withAllowList(List.of(Cidr.parse("100.64.0.0/10"))));
        assertThatFindings(rule.evaluate(fixed)).allPass();
    }
}
