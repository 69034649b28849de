package io.vpai.harness.dns;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.access.OfflineFixtures;
import io.vpai.harness.check.Finding;
import io.vpai.harness.check.Status;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.DnsRecord;
import io.vpai.harness.model.Stack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.vpai.harness.access.OfflineFixtures.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What each resolver should answer, the comparison's messages, and the one way a public answer becomes a destination. */
@Tag("gate")
@DisplayName("Split DNS expectations")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.DNS_LOOKUPS)
class SplitDnsExpectationsTest {
    private final Fixtures fixtures = OfflineFixtures.fixtures();
    private final FixtureResolver tailnet = FixtureResolver.tailnet(fixtures);
    private final FixtureResolver publicZone = FixtureResolver.publicZone(fixtures);
    private final DnsComparison comparison = new DnsComparison("offline", MODEL.tailnet().prefix());

    private static DnsExpectation find(List<DnsExpectation> all, String name) {
        return all.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theTailnetResolverAnswersEveryTailnetRecord() {
        List<DnsExpectation> expected = SplitDnsExpectations.tailnet(MODEL, tailnet);
        assertThat(expected).extracting(DnsExpectation::name)
                .containsExactlyElementsOf(MODEL.dns().tailnetRecords().stream().map(DnsRecord::name).toList());
        assertThat(find(expected, "llm.ewutelo.cloud").address()).contains("100.64.0.14");
        assertThat(find(expected, "mc.ewutelo.cloud").address()).contains("100.64.0.1");
        assertThat(find(expected, "llm.ewutelo.cloud").name(false))
                .isEqualTo("llm.ewutelo.cloud on MagicDNS 100.100.100.100 in the VPN client node → A 100.64.0.14");
    }

    @Test
    void thePublicResolverAnswersPublicRecordsAndDeniesTailnetOnlyNames() {
        List<DnsExpectation> expected = SplitDnsExpectations.publicZone(MODEL, publicZone);
        assertThat(find(expected, "llm.ewutelo.cloud").address()).contains("137.74.114.167");
        assertThat(find(expected, "ewutelo.cloud").address()).contains("137.74.114.167");
        assertThat(find(expected, "mc.ewutelo.cloud").address()).isEmpty();
        assertThat(find(expected, "oc.ewutelo.cloud").address()).isEmpty();
        assertThat(find(expected, "oc.ewutelo.cloud").name(true))
                .isEqualTo("oc.ewutelo.cloud on the public resolver 198.51.100.53 → NXDOMAIN, never a tailnet address");
        assertThat(SplitDnsExpectations.undeclared(MODEL, List.of(tailnet, publicZone)))
                .extracting(DnsExpectation::name).containsOnly("vpai-undeclared.ewutelo.cloud").hasSize(2);
    }

    @Test
    void aChangedRecordIsAMismatchNamingRecordResolverAndBothAnswers() {
        DnsExpectation llm = find(SplitDnsExpectations.tailnet(MODEL, tailnet), "llm.ewutelo.cloud");
        assertThat(comparison.compare(llm, DnsAnswer.answered(tailnet, llm.name(), Rcode.NOERROR, List.of("100.64.0.14")))
                .status()).isEqualTo(Status.PASS);
        Finding changed = comparison.compare(llm, DnsAnswer.answered(tailnet, llm.name(), Rcode.NOERROR, List.of("100.64.0.1")));
        assertThat(changed.status()).isEqualTo(Status.FAIL);
        assertThat(changed.checkId()).isEqualTo("dns.tailnet-answer");
        assertThat(changed.message()).isEqualTo("Expecting record llm.ewutelo.cloud (tailnet record (VPN_ONLY, host sese-ai)) on "
                + "MagicDNS 100.100.100.100 in the VPN client node to answer A 100.64.0.14 but it answered A 100.64.0.1 [environment offline]");
        assertThat(comparison.compare(llm, DnsAnswer.unanswered(tailnet, llm.name(), "timeout")).message())
                .contains("but it answered no answer (timeout)");
        assertThat(comparison.compare(llm, DnsAnswer.answered(tailnet, llm.name(), Rcode.NOERROR,
                List.of("100.64.0.14", "100.64.0.15"))).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void nxdomainIsExpectedWhereTheModelHasNoRecordAndATailnetAddressNeverPassesPublicly() {
        DnsExpectation mc = find(SplitDnsExpectations.publicZone(MODEL, publicZone), "mc.ewutelo.cloud");
        assertThat(comparison.compare(mc, DnsAnswer.answered(publicZone, mc.name(), Rcode.NXDOMAIN, List.of())).status())
                .isEqualTo(Status.PASS);
        assertThat(comparison.compare(mc, DnsAnswer.answered(publicZone, mc.name(), Rcode.NOERROR, List.of())).status())
                .isEqualTo(Status.FAIL);
        Finding leak = comparison.compare(mc, DnsAnswer.answered(publicZone, mc.name(), Rcode.NOERROR, List.of("100.64.0.1")));
        assertThat(leak.message()).contains("never to answer a tailnet address but it answered A 100.64.0.1 (inside 100.64.0.0/10)");
        // even a model that declared it would not make a public tailnet answer pass
        Stack leaky = MODEL.withDns(MODEL.dns().withPublicRecords(List.of(new DnsRecord("mc.ewutelo.cloud", "100.64.0.1",
                "workstation-pi", io.vpai.harness.model.Access.PUBLIC))));
        DnsExpectation declared = find(SplitDnsExpectations.publicZone(leaky, publicZone), "mc.ewutelo.cloud");
        assertThat(comparison.compare(declared, DnsAnswer.answered(publicZone, mc.name(), Rcode.NOERROR, List.of("100.64.0.1")))
                .status()).isEqualTo(Status.FAIL);
    }

    @Test
    void theVpsPublicAddressStandsForTheProxyOnTheInternetFixtureAndNothingElseIsMapped() {
        PublicAddressMap map = PublicAddressMap.of(MODEL, fixtures);
        assertThat(map.entries()).containsExactly(java.util.Map.entry("137.74.114.167", fixtures.internet().proxy()));
        assertThat(map.standInFor("137.74.114.167")).isEqualTo("198.51.100.10");
        assertThatThrownBy(() -> map.standInFor("87.106.30.160"))
                .hasMessage("no fixture address stands for 87.106.30.160 (known: [137.74.114.167]): it is production data "
                        + "and is never contacted");
        assertThat(map.find(fixtures.internet().proxy())).isEmpty();
    }

    @Test
    void theMapFollowsTheModelNotALiteral() {
        List<io.vpai.harness.model.Host> hosts = new ArrayList<>();
        for (io.vpai.harness.model.Host h : MODEL.hosts()) {
            hosts.add(h.name().equals("sese-ai") ? new io.vpai.harness.model.Host(h.name(), h.displayName(), h.provider(),
                    h.role(), Optional.of("203.0.113.77"), h.lanAddress(), h.tailnetAddress(), h.sshPort(), h.sshUser()) : h);
        }
        Stack moved = new Stack(hosts, MODEL.tailnet(), MODEL.dns(), MODEL.networks(), MODEL.services(), MODEL.proxy(),
                MODEL.backup(), MODEL.workstation(), MODEL.seko(), MODEL.waivers());
        assertThat(PublicAddressMap.of(moved, fixtures).entries()).containsOnlyKeys("203.0.113.77");
    }
}
