package io.vpai.harness.gate;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.DnsRecord;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.vpai.harness.check.FindingsAssert.assertThatFindings;
import static io.vpai.harness.check.Status.PASS;

@Tag("gate")
@DisplayName("Gate rule: VPN-only names resolve inside the tailnet only")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.GATE_RULES)
class VpnOnlyDnsRuleTest {
    private final Stack vpai = VpaiStack.model();
    private final VpnOnlyDnsRule rule = new VpnOnlyDnsRule();

    @Test
    void theSeedModelAnswersVpnOnlyNamesInsideTheTailnet() {
        assertThatFindings(rule.evaluate(vpai)).allPass()
                .hasFinding(PASS, "mc.ewutelo.cloud", "record mc.ewutelo.cloud (VPN-only) answers 100.64.0.1 on the "
                        + "tailnet resolver 100.100.100.100, inside 100.64.0.0/10")
                .hasFinding(PASS, "llm.ewutelo.cloud", "public record llm.ewutelo.cloud answers 137.74.114.167");
    }

    @Test
    void aVpnOnlyNameAnsweringThePublicAddressFails() {
        Stack broken = vpai.withDns(vpai.dns().withTailnetRecords(change(vpai.dns().tailnetRecords(),
                "llm.ewutelo.cloud", "137.74.114.167")));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("llm.ewutelo.cloud", "record llm.ewutelo.cloud (VPN-only) answers 137.74.114.167 on the "
                        + "tailnet resolver 100.100.100.100, outside the tailnet 100.64.0.0/10")
                .failsOnlyAbout("llm.ewutelo.cloud");
    }

    @Test
    void aVpnOnlyNameAnsweringAnotherTailnetNodeFails() {
        Stack broken = vpai.withDns(vpai.dns().withTailnetRecords(change(vpai.dns().tailnetRecords(),
                "qd.ewutelo.cloud", "100.64.0.2")));
        assertThatFindings(rule.evaluate(broken))
                .hasFailureContaining("qd.ewutelo.cloud", "answers 100.64.0.2", "host 'sese-ai' is at 100.64.0.14");
    }

    @Test
    void thePublicZoneLeakingATailnetAddressFails() {
        Stack broken = vpai.withDns(vpai.dns().withPublicRecords(change(vpai.dns().publicRecords(),
                "tala.ewutelo.cloud", "100.64.0.14")));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("tala.ewutelo.cloud", "public record tala.ewutelo.cloud answers 100.64.0.14, a tailnet address "
                        + "(100.64.0.0/10): the public zone must not reveal the mesh")
                .failsOnlyAbout("tala.ewutelo.cloud");
    }

    @Test
    void withoutOverrideLocalDnsVpnClientsResolvePublicly() {
        Stack broken = vpai.withTailnet(vpai.tailnet().withOverrideLocalDns(false));
        assertThatFindings(rule.evaluate(broken))
                .hasFailureContaining("tailnet resolver 100.100.100.100", "override_local_dns is false");
    }

    private static List<DnsRecord> change(List<DnsRecord> records, String name, String address) {
        return records.stream().map(r -> r.name().equals(name) ? r.withAddress(address) : r).toList();
    }
}
