package io.vpai.harness.gate;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.PublishedPort;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.vpai.harness.check.FindingsAssert.assertThatFindings;
import static io.vpai.harness.check.Status.PASS;

@Tag("gate")
@DisplayName("Gate rule: only the proxy publishes, and only 80 and 443")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.GATE_RULES)
class PublishedPortsRuleTest {
    private final Stack vpai = VpaiStack.model();
    private final PublishedPortsRule rule = new PublishedPortsRule();

    @Test
    void inTheSeedModelOnlyCaddyPublishes80And443() {
        assertThatFindings(rule.evaluate(vpai)).allPass()
                .hasFinding(PASS, "caddy", "service 'caddy' publishes 443/udp")
                .hasFinding(PASS, "redis", "publishes no port");
    }

    @Test
    void redisPublishingItsPortFails() {
        Stack broken = vpai.withService("redis", s -> s.withPublished(List.of(PublishedPort.tcp(6379))));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("redis", "service 'redis' publishes 6379/tcp in the model; only caddy may publish, and only 80/443 "
                        + "(the architecture baseline (section 1))")
                .failsOnlyAbout("redis");
    }

    @Test
    void caddyPublishingAnotherPortFails() {
        Stack broken = vpai.withService("caddy", s -> {
            List<PublishedPort> more = new ArrayList<>(s.published());
            more.add(new PublishedPort(8443, 443, "tcp"));
            return s.withPublished(more);
        });
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("caddy", "service 'caddy' publishes 8443->443/tcp in the model; the architecture baseline (section 1) publishes only 80/443");
    }

    @Test
    void caddyNotPublishingABaselinePortFailsNamingTheBaseline() {
        Stack broken = vpai.withService("caddy", s -> s.withPublished(s.published().stream()
                .filter(p -> p.hostPort() != 443).toList()));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("caddy:443", "caddy does not publish 443 in the model; the architecture baseline (section 1) "
                        + "publishes 80/443")
                .failsOnlyAbout("caddy:443");
    }

    @Test
    void theModelPublishesEveryBaselinePort() {
        assertThatFindings(rule.evaluate(vpai)).allPass().hasNoFailureAbout("caddy:443").hasNoFailureAbout("caddy:80");
    }
}
