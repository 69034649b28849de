package io.vpai.harness.gate;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.Image;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Tailnet;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.vpai.harness.check.FindingsAssert.assertThatFindings;
import static io.vpai.harness.check.Status.PASS;

@Tag("gate")
@DisplayName("Gate rule: every image is pinned")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.GATE_RULES)
class ImagesPinnedRuleTest {
    private final Stack vpai = VpaiStack.model();
    private final ImagesPinnedRule rule = new ImagesPinnedRule();

    @Test
    void everyImageOfTheSeedModelIsPinned() {
        assertThatFindings(rule.evaluate(vpai)).allPass()
                .hasFinding(PASS, "caddy", "service 'caddy' runs caddy:2.10.2-alpine")
                .hasFinding(PASS, "zerobyte", "Seko-VPN service 'zerobyte' runs ghcr.io/nicotsx/zerobyte:v0.9.0")
                .hasFinding(PASS, "headscale", "tailnet control plane 'headscale' runs headscale/headscale:0.26.0");
    }

    @Test
    void anUntaggedServiceImageFails() {
        Stack broken = vpai.withService("redis", s -> s.withImage(Image.of("redis")));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("redis", "service 'redis' runs redis:latest: tag 'latest' floats; pin a version")
                .failsOnlyAbout("redis");
    }

    @Test
    void aSekoServiceOnLatestFails() {
        List<Stack.SekoService> seko = vpai.seko().stream()
                .map(s -> s.name().equals("uptime-kuma") ? new Stack.SekoService(s.name(),
                        Image.of("louislam/uptime-kuma:latest"), s.command(), s.ports(), s.published(), s.volumes(), s.purpose()) : s)
                .toList();
        Stack broken = new Stack(vpai.hosts(), vpai.tailnet(), vpai.dns(), vpai.networks(), vpai.services(),
                vpai.proxy(), vpai.backup(), vpai.workstation(), seko, vpai.waivers());
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("uptime-kuma", "Seko-VPN service 'uptime-kuma' runs louislam/uptime-kuma:latest: "
                        + "tag 'latest' floats; pin a version");
    }

    @Test
    void aFloatingHeadscaleFails() {
        Tailnet t = vpai.tailnet();
        Stack broken = vpai.withTailnet(new Tailnet(t.controlUrl(), Image.of("headscale/headscale:latest"), t.prefix(),
                t.magicDnsResolver(), t.baseDomain(), t.magicDns(), t.overrideLocalDns(), t.configPath(), t.server(), t.nodes()));
        assertThatFindings(rule.evaluate(broken)).hasFailureContaining("headscale", "headscale/headscale:latest");
    }
}
