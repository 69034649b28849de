package io.vpai.harness.gate;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.Access;
import io.vpai.harness.model.DnsRecord;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.vpai.harness.check.FindingsAssert.assertThatFindings;
import static io.vpai.harness.check.Status.PASS;

@Tag("gate")
@DisplayName("Gate rule: DNS records are the architecture's")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.GATE_RULES)
class DnsBaselineRuleTest {
    private final Stack vpai = VpaiStack.model();
    private final DnsBaselineRule rule = new DnsBaselineRule();

    @Test
    void theModelsRecordsAreTheArchitectures() {
        assertThatFindings(rule.evaluate(vpai)).allPass()
                .hasFinding(PASS, "tailnet:mc.ewutelo.cloud", "mc.ewutelo.cloud answers 100.64.0.1 on the tailnet resolver, "
                        + "as in the architecture baseline (section 0 DNS table)")
                .hasFinding(PASS, "public:mayi.ewutelo.cloud", "answers 137.74.114.167 on the public resolver");
    }

    @Test
    void aTailnetRecordPointedAtAnotherTailnetHostFails() {
        // Still inside the tailnet, so only the baseline can tell: mayi must be the VPS, not the Pi.
        Stack broken = vpai.withDns(vpai.dns().withTailnetRecords(vpai.dns().tailnetRecords().stream()
                .map(r -> r.name().equals("mayi.ewutelo.cloud") ? r.withAddress("100.64.0.1") : r).toList()));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("tailnet:mayi.ewutelo.cloud", "mayi.ewutelo.cloud answers 100.64.0.1 on the tailnet resolver "
                        + "in the model; the architecture baseline (section 0 DNS table) answers 100.64.0.14")
                .failsOnlyAbout("tailnet:mayi.ewutelo.cloud");
    }

    @Test
    void aChangedPublicAnswerFails() {
        Stack broken = vpai.withDns(vpai.dns().withPublicRecords(vpai.dns().publicRecords().stream()
                .map(r -> r.name().equals("llm.ewutelo.cloud") ? r.withAddress("137.74.114.168") : r).toList()));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("public:llm.ewutelo.cloud", "llm.ewutelo.cloud answers 137.74.114.168 on the public resolver "
                        + "in the model; the architecture baseline (section 2.5, public DNS) answers 137.74.114.167")
                .failsOnlyAbout("public:llm.ewutelo.cloud");
    }

    @Test
    void aPublicRecordTheArchitectureDoesNotHaveFails() {
        List<DnsRecord> more = new ArrayList<>(vpai.dns().publicRecords());
        more.add(new DnsRecord("mc.ewutelo.cloud", "137.74.114.167", "sese-ai", Access.PUBLIC));
        assertThatFindings(rule.evaluate(vpai.withDns(vpai.dns().withPublicRecords(more))))
                .hasFailure("public:mc.ewutelo.cloud", "mc.ewutelo.cloud answers 137.74.114.167 on the public resolver "
                        + "in the model; the architecture baseline (section 2.5, public DNS) has no such record")
                .failsOnlyAbout("public:mc.ewutelo.cloud");
    }

    @Test
    void aVpnOnlyNameMadePublicOnTheTailnetFails() {
        Stack broken = vpai.withDns(vpai.dns().withTailnetRecords(vpai.dns().tailnetRecords().stream()
                .map(r -> r.name().equals("qd.ewutelo.cloud")
                        ? new DnsRecord(r.name(), r.address(), r.host(), Access.PUBLIC) : r).toList()));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("tailnet:qd.ewutelo.cloud", "qd.ewutelo.cloud is public in the model; the architecture "
                        + "baseline (section 0 DNS table) has it 'VPN uniquement'");
    }
}
