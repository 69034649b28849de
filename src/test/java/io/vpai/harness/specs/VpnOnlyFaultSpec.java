package io.vpai.harness.specs;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.access.AccessCase;
import io.vpai.harness.access.AccessComparison;
import io.vpai.harness.access.AccessExpectations;
import io.vpai.harness.access.AccessProber;
import io.vpai.harness.access.Ingress;
import io.vpai.harness.access.Ingresses;
import io.vpai.harness.access.LiveProxyConfig;
import io.vpai.harness.access.Observation;
import io.vpai.harness.check.Finding;
import io.vpai.harness.check.Status;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.Access;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Stack;
import io.vpai.harness.support.Capabilities;
import io.vpai.harness.support.RequiresDocker;
import io.vpai.harness.target.DestructiveAccess;
import io.vpai.harness.target.Target;
import io.vpai.harness.wait.Poll;
import io.vpai.harness.access.Outcome;
import io.vpai.harness.environment.Fixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The VPN-only specs can fail: a widened allow-list, in the proxy's file or loaded into the running proxy by hand,
 * is caught (faults: run last). Each test restores the state it found — read live — never the shipped state, so it
 * cannot repair drift that was there before it ran.
 */
@Tag("stack")
@Tag("destructive")
@RequiresDocker
@DisplayName("VPN-only access: a widened allow-list, or a client off the tailnet, is caught")
@Epic(Behaviors.CONFORMANCE)
@Feature(Behaviors.VPN_ONLY_ACCESS)
@Story("A widened allow-list, or a client off the tailnet, is caught")
class VpnOnlyFaultSpec {
    private static final String CADDYFILE = "/etc/caddy/Caddyfile";
    /**
     * How long a removed client's request may go unanswered before it counts as no answer: a removed node's packets
     * vanish, so every such request waits out its whole bound. The same client is answered within it on every route
     * just before the removal and once it has joined again, so a slow answer fails the test instead of passing it.
     */
    private static final int SILENCE_SECONDS = 2;

    /**
     * The acceptance check "widen the allow-list": a Caddyfile whose vpn_only admits the internet
     * fixture, loaded into the running proxy, must make every VPN-only route a violation naming the
     * route and the client's address. What was there before — the file's bytes and the running configuration,
     * read live — is put back whatever happens, so the test cannot repair drift it did not cause.
     */
    @Test
    @DisplayName("a Caddyfile whose allow-list admits the internet is reported as a violation, route and client named")
    void wideningTheAllowListIsCaught(Target stack) {
        DestructiveAccess access = Capabilities.destructive(stack, "rewrite and reload the proxy's Caddyfile");
        Stack model = stack.model();
        Fixtures fixtures = VpnOnlyAccessSpec.fixtures(stack);
        Ingress internet = Ingresses.internet(fixtures);
        String proxy = model.proxy().service();
        String blocked = "@blocked not remote_ip " + model.proxy().vpnOnlyAllowList().stream().map(Cidr::toString)
                .collect(Collectors.joining(" "));
        String wide = stack.expectedCaddyFiles().caddyfile().replace(blocked, blocked + " " + fixtures.internet().subnet());
        List<AccessCase> vpnOnly = new AccessExpectations(model).routeMatrix(List.of(internet)).stream()
                .filter(c -> c.route().filter(r -> r.access() == Access.VPN_ONLY).isPresent()).toList();
        assertThat(vpnOnly).as("VPN-only routes of the model").isNotEmpty();
        AccessComparison comparison = VpnOnlyAccessSpec.comparison(stack);

        String found = LiveProxyConfig.read(stack);
        List<Observation> whileWide;
        // Written in place: the bind mount follows the file's inode, a rename would leave the proxy on the old one.
        String original = access.replaceMountedFile(proxy, CADDYFILE, wide);
        try {
            assertThat(original).as("the Caddyfile the proxy runs with is the shipped one, byte for byte")
                    .isEqualTo(stack.expectedCaddyFiles().caddyfile());
            assertThat(wide).as("the Caddyfile with %s admitted", fixtures.internet().subnet()).isNotEqualTo(original);
            access.require(proxy, "caddy reload --config " + CADDYFILE + " --adapter caddyfile", "reload the proxy");
            whileWide = AccessProber.observe(stack, vpnOnly);
        } finally {
            access.replaceMountedFile(proxy, CADDYFILE, original);
            LiveProxyConfig.load(stack, found);
        }
        assertThat(LiveProxyConfig.differences(found, LiveProxyConfig.read(stack)))
                .as("the running configuration after the test, against the one found before").isEmpty();
        for (int i = 0; i < vpnOnly.size(); i++) {
            AccessCase c = vpnOnly.get(i);
            Finding finding = comparison.compare(c, whileWide.get(i));
            assertThat(finding.status()).as("with %s admitted, %s must be a violation: %s", fixtures.internet().subnet(),
                    c.name(), finding).isEqualTo(Status.FAIL);
            assertThat(finding.message()).contains(c.route().orElseThrow().id(), internet.clientAddress().toString(),
                    internet.connectAddress().toString(), stack.name());
        }
        List<Observation> restored = AccessProber.observe(stack, vpnOnly);
        for (int i = 0; i < vpnOnly.size(); i++) {
            Finding finding = comparison.compare(vpnOnly.get(i), restored.get(i));
            assertThat(finding.status()).as("after restoring the model's Caddyfile: %s", finding).isEqualTo(Status.PASS);
        }
    }
    /**
     * The slip that went unseen: {@code vpn_only} widened to 0.0.0.0/0 on the running proxy, files untouched.
     * The live-configuration check must name the widened range and which oracle it contradicts; the
     * configuration found before is loaded back, and the check is green again.
     */
    @Test
    @DisplayName("an allow-list widened to 0.0.0.0/0 on the running proxy, files intact, is caught")
    void aReloadWithAWidenedAllowListIsCaught(Target target) {
        String proxy = target.model().proxy().service();
        Capabilities.destructive(target, "load a widened configuration into the running " + proxy);
        String found = LiveProxyConfig.read(target);
        String widened = found.replace("\"ranges\":[", "\"ranges\":[\"0.0.0.0/0\",");
        assertThat(widened).as("the running configuration has vpn_only ranges to widen").isNotEqualTo(found);
        List<String> whileWide;
        try {
            LiveProxyConfig.load(target, widened);
            whileWide = VpnOnlyAccessSpec.liveConfigProblems(target);
        } finally {
            LiveProxyConfig.load(target, found);
        }
        assertThat(whileWide).as("findings while the running proxy admits 0.0.0.0/0")
                .anySatisfy(p -> assertThat(p).contains("/match/0/not/0/remote_ip/ranges")
                        .contains("but the proxy runs [\"0.0.0.0/0\",\"100.64.0.0/10\""))
                .anySatisfy(p -> assertThat(p).contains("0.0.0.0/0").contains("the model")
                        .contains("the architecture baseline"));
        assertThat(VpnOnlyAccessSpec.liveConfigProblems(target)).as("after loading back what was running").isEmpty();
    }

    /**
     * The mesh's twin: the VPN client reaches every VPN-only route while it is a node; once Headscale deletes it, the
     * same requests get no answer at all (it has no way to the VPS's tailnet address left: its tunnel routes go,
     * and a blackhole keeps the tailnet from its default route); joined again, it reaches them as before.
     */
    @Test
    @DisplayName("a VPN client taken off the tailnet loses every VPN-only route, and has them back once it joins again")
    void aNodeRemovedFromTheTailnetLosesAccess(Target stack) {
        DestructiveAccess access = Capabilities.destructive(stack, "delete the VPN client's node in Headscale");
        Stack model = stack.model();
        Fixtures fixtures = VpnOnlyAccessSpec.fixtures(stack);
        List<AccessCase> vpnOnly = new AccessExpectations(model)
                .routeMatrix(List.of(Ingresses.tailnetViaPublishedPort(model, fixtures))).stream()
                .filter(c -> c.route().filter(r -> r.access() == Access.VPN_ONLY).isPresent()).toList();
        assertThat(vpnOnly).as("VPN-only routes of the model").isNotEmpty();
        AccessComparison comparison = VpnOnlyAccessSpec.comparison(stack);
        // The positive control of the short bound: while a node, the client is answered within it on every route.
        assertAnsweredWithinTheBound(stack, vpnOnly, comparison, "before the VPN client is removed");

        List<Observation> whileRemoved;
        try {
            access.mesh().removeFromTailnet(Fixture.VPN_CLIENT);
            whileRemoved = Poll.of("the removed client's first VPN-only request unanswered",
                            () -> AccessProber.observeWithin(stack, vpnOnly, SILENCE_SECONDS))
                    .until(seen -> seen.get(0).outcome() == Outcome.NO_ANSWER, Duration.ofSeconds(60));
        } finally {
            access.mesh().rejoin();
        }
        for (int i = 0; i < vpnOnly.size(); i++) {
            assertThat(whileRemoved.get(i).outcome()).as("%s while the VPN client is off the tailnet: %s",
                    vpnOnly.get(i).name(), whileRemoved.get(i).describe()).isEqualTo(Outcome.NO_ANSWER);
        }
        assertAnsweredWithinTheBound(stack, vpnOnly, comparison, "after the VPN client joined again");
    }

    /** Every case observed within {@link #SILENCE_SECONDS}, and none judged a failure (model and baseline). */
    private static void assertAnsweredWithinTheBound(Target stack, List<AccessCase> cases, AccessComparison comparison,
                                                     String when) {
        List<Observation> seen = AccessProber.observeWithin(stack, cases, SILENCE_SECONDS);
        for (int i = 0; i < cases.size(); i++) {
            Finding finding = comparison.compare(cases.get(i), seen.get(i));
            assertThat(finding.status()).as("%s, within %d s: %s", when, SILENCE_SECONDS, finding)
                    .isNotEqualTo(Status.FAIL);
        }
    }
}
