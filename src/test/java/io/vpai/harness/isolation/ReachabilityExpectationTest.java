package io.vpai.harness.isolation;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.isolation.Expectation.Kind;
import io.vpai.harness.model.Attachment;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Network;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("gate")
@DisplayName("The reachability the model expects")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.ISOLATION_MATRIX)
class ReachabilityExpectationTest {
    private final Stack vpai = VpaiStack.model();

    @Test
    void theSeedMatrixHasEveryPortOfEveryOtherServiceOnEachOfItsNetworks() {
        List<Expectation> pairs = ReachabilityExpectation.derive(vpai);
        // 19 destination address:port pairs (caddy 2 networks x 2 ports, n8n/litellm/openclaw/alloy/grafana
        // 2 networks, five services on one) seen from 11 sources, minus each source's own.
        assertThat(pairs).hasSize(19 * 11 - 19);
        assertThat(pairs).filteredOn(Expectation::reachable).hasSize(84);
        assertThat(pairs).filteredOn(e -> !e.reachable()).hasSize(106);
        assertThat(pairs).allSatisfy(e -> assertThat(e.source()).isNotEqualTo(e.destination()));
    }

    @Test
    void aServiceReachesAnotherOnlyAtItsAddressOnASharedNetwork() {
        List<Expectation> pairs = ReachabilityExpectation.derive(vpai);
        assertThat(find(pairs, "n8n", "172.20.2.20", 5432).sentence())
                .isEqualTo("n8n → postgresql 172.20.2.20:5432 reachable (shared backend)");
        assertThat(find(pairs, "qdrant", "172.20.3.11", 3000).sentence())
                .isEqualTo("qdrant → grafana 172.20.3.11:3000 unreachable (no shared network)");
        // Sharing one network is not enough: caddy's frontend address stays out of n8n's reach.
        assertThat(find(pairs, "n8n", "172.20.2.10", 80).reachable()).isTrue();
        assertThat(find(pairs, "n8n", "172.20.1.10", 80).sentence())
                .isEqualTo("n8n → caddy 172.20.1.10:80 unreachable (not on frontend)");
    }

    @Test
    void diunIsAnEgressSourceOnlyAndReachesOutThroughTheDefaultBridge() {
        List<Expectation> all = Observations.all(vpai);
        assertThat(all).filteredOn(e -> e.source().equals("diun") || e.destination().equals("diun"))
                .singleElement().satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(Kind.EGRESS);
                    assertThat(e.sentence()).isEqualTo("diun → internet sentinel 198.51.100.1 reachable (default bridge)");
                });
    }

    @Test
    void exactlyTheServicesWithANetworkThatIsNotInternalReachTheSentinel() {
        List<Expectation> egress = ReachabilityExpectation.egress(vpai, Observations.SENTINEL,
                Observations.sentinelPorts(vpai));
        assertThat(egress).hasSize(12);
        // each source has a sentinel port of its own, so the sentinel can tell whose connection came how
        assertThat(egress).extracting(Expectation::port).doesNotHaveDuplicates();
        assertThat(egress).filteredOn(Expectation::reachable).extracting(Expectation::source)
                .containsExactly("caddy", "n8n", "litellm", "openclaw", "grafana", "diun");
        assertThat(egress).filteredOn(e -> e.source().equals("litellm")).singleElement()
                .extracting(Expectation::sentence).isEqualTo("litellm → internet sentinel 198.51.100.1 reachable (egress)");
        assertThat(egress).filteredOn(e -> e.source().equals("postgresql")).singleElement()
                .extracting(Expectation::sentence)
                .isEqualTo("postgresql → internet sentinel 198.51.100.1 unreachable (internal only)");
    }

    @Test
    void theHostIsExpectedOnOpenBridgesAndOutOfReachOnInternalOnes() {
        List<Expectation> host = ReachabilityExpectation.host(vpai, Observations.hostPorts(vpai));
        assertThat(host).hasSize(17);
        assertThat(host).filteredOn(e -> e.kind() == Kind.HOST_FROM_INTERNAL).hasSize(12)
                .allSatisfy(e -> assertThat(e.reachable()).isFalse());
        assertThat(host).filteredOn(e -> e.kind() == Kind.HOST_BRIDGE).hasSize(5)
                .allSatisfy(e -> assertThat(e.reachable()).isTrue());
        assertThat(host).filteredOn(e -> e.source().equals("postgresql")).singleElement().satisfies(e -> {
            assertThat(e.address()).isEqualTo("172.20.2.1");
            assertThat(e.port()).isEqualTo(41002);
            assertThat(e.checkId()).isEqualTo("isolation.host-reachable-from-internal");
        });
        assertThatThrownBy(() -> ReachabilityExpectation.host(vpai, Map.of()))
                .hasMessageContaining("no host listener port for 172.20.1.1");
    }

    @Test
    void redisJoiningEgressChangesItsExpectations() {
        Stack changed = vpai.withService("redis", s -> s.withAttachment(new Attachment("egress", "172.20.4.21")));
        List<Expectation> before = Observations.all(vpai);
        List<Expectation> after = Observations.all(changed);

        assertThat(egressOf(before, "redis").reachable()).isFalse();
        assertThat(egressOf(after, "redis").sentence())
                .isEqualTo("redis → internet sentinel 198.51.100.1 reachable (egress)");
        assertThat(before).noneMatch(e -> e.address().equals("172.20.4.21"));
        assertThat(find(after, "n8n", "172.20.4.21", 6379).reachable()).isTrue();
        assertThat(find(after, "caddy", "172.20.4.21", 6379).reachable()).isFalse();
        // redis's paths to the egress addresses existed already, unreachable; now they are expected open.
        assertThat(find(before, "redis", "172.20.4.30", 5678).reachable()).isFalse();
        assertThat(find(after, "redis", "172.20.4.30", 5678).reachable()).isTrue();
        // 10 sources gain a path to redis's new address; redis gains the host's egress bridge.
        assertThat(after).hasSize(before.size() + 10 + 1);
    }

    @Test
    void everyProbeAimsInsideAStackNetworkOrAtTheSentinel() {
        List<Cidr> networks = vpai.networks().stream().map(Network::subnet).toList();
        assertThat(Observations.all(vpai)).allSatisfy(e -> assertThat(
                e.address().equals(Observations.SENTINEL) || networks.stream().anyMatch(n -> n.contains(e.address())))
                .as(e.path()).isTrue());
    }

    private static Expectation egressOf(List<Expectation> all, String source) {
        return all.stream().filter(e -> e.kind() == Kind.EGRESS && e.source().equals(source)).findFirst().orElseThrow();
    }

    static Expectation find(List<Expectation> all, String source, String address, int port) {
        return all.stream().filter(Observations.path(source, address, port)).findFirst()
                .orElseThrow(() -> new AssertionError("no expectation " + source + " → " + address + ":" + port));
    }
}
