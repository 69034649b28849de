package io.vpai.harness.startup;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.check.Finding;
import io.vpai.harness.environment.FixtureNetwork;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.environment.TailnetFixture;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Ipv4;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.probe.HttpProbe;
import io.vpai.harness.probe.ProbeResult;
import io.vpai.harness.probe.Probes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("Recovery after a restart: dependents, bound and probes")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.STARTUP_TIMELINE)
class RecoveryTest {
    private final Stack vpai = VpaiStack.model();

    @Test
    void dependentsAreTransitive() {
        assertThat(vpai.dependentsOf("postgresql")).containsExactly("caddy", "n8n", "litellm", "openclaw");
        assertThat(vpai.dependentsOf("redis")).containsExactly("caddy", "litellm", "openclaw");
        assertThat(vpai.dependentsOf("caddy")).isEmpty();
    }

    @Test
    void theModelDeclaresARecoveryBound() {
        assertThat(VpaiStack.RECOVERY_BOUND).isPositive().isLessThanOrEqualTo(java.time.Duration.ofMinutes(5));
    }

    @Test
    void everyProxiedRouteIsProbedThroughCaddysTailnetAddress() {
        TailnetFixture tailnet = Fixtures.of(vpai, new FixtureNetwork(Cidr.parse("198.51.100.0/24"), "198.51.100.1",
                "198.51.100.10", "198.51.100.20", "198.51.100.53")).tailnet();
        List<HttpProbe> probes = Recovery.throughProxy(vpai, "fixture-vpn-client", tailnet);
        assertThat(probes).hasSize(6).allMatch(p -> p.address().equals(Ipv4.parse("100.64.0.14")) && p.port() == 443
                && p.scheme().equals("https") && p.from().equals("fixture-vpn-client"));
        assertThat(probes).extracting(p -> p.host() + p.path())
                .contains(VpaiStack.N8N_HOST + "/", VpaiStack.N8N_HOST + "/webhook/", VpaiStack.LITELLM_HOST + "/")
                .doesNotContain(VpaiStack.DOMAIN + "/health");
    }

    @Test
    void aServerErrorOrNoAnswerFailsNamingTheRouteAndTheRestartedService() {
        HttpProbe probe = Probes.https("fixture-vpn-client", "100.64.0.14", 443, VpaiStack.LITELLM_HOST, "/");
        Finding bad = Recovery.judge(ProbeResult.read(probe, "502"), "redis", "offline");
        assertThat(bad.failed()).isTrue();
        assertThat(bad.message()).isEqualTo("https://llm.ewutelo.cloud/ through Caddy at 100.64.0.14:443 from "
                + "fixture-vpn-client (environment offline) answered 502 after redis restarted: the upstream is not"
                + " healthy again");
        Finding none = Recovery.judge(ProbeResult.read(probe, "000"), "redis", "offline");
        assertThat(none.failed()).isTrue();
        assertThat(none.message()).contains("got no answer after redis restarted");
    }

    @Test
    void anAnswerBelow500Passes() {
        HttpProbe probe = Probes.https("fixture-vpn-client", "100.64.0.14", 443, VpaiStack.N8N_HOST, "/");
        assertThat(Recovery.judge(ProbeResult.read(probe, "200"), "postgresql", "offline").failed()).isFalse();
        assertThat(Recovery.judge(ProbeResult.read(probe, "404"), "postgresql", "offline").failed()).isFalse();
    }
}
