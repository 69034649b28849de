package io.vpai.harness.specs;

import io.vpai.harness.access.AccessCase;
import io.vpai.harness.access.AccessComparison;
import io.vpai.harness.access.AccessExpectations;
import io.vpai.harness.access.AccessProber;
import io.vpai.harness.access.Ingress;
import io.vpai.harness.access.Ingresses;
import io.vpai.harness.access.Observation;
import io.vpai.harness.check.Finding;
import io.vpai.harness.check.Status;
import io.vpai.harness.check.Waivers;
import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.Access;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.render.CaddyfileRenderer;
import io.vpai.harness.render.TlsMode;
import io.vpai.harness.stack.ProcessRunner;
import io.vpai.harness.stack.RunningStack;
import io.vpai.harness.support.RequiresDocker;
import io.vpai.harness.target.Target;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The {@code vpn_only} rule, observed: every route answers the VPN client and refuses the internet
 * client with 403 unless the model makes it public; forged headers, Host/SNI games, odd request lines
 * and a path escaping a public prefix change nothing; and the one path the seed's allow-list lets
 * through — the published port via Docker's userland proxy — gets through, as predicted, and is
 * reported as the waived finding {@code acl.vpn-only-allow-list}.
 */
@Tag("stack")
@RequiresDocker
@DisplayName("VPN-only access")
class VpnOnlyAccessSpec {
    private static final Duration RELOAD = Duration.ofSeconds(30);

    @TestFactory
    @DisplayName("every route: proxied from the tailnet, 403 from the internet unless public")
    Stream<DynamicTest> everyRouteFromTheTailnetAndTheInternet(Target target) {
        Fixtures fixtures = fixtures(target);
        List<AccessCase> cases = new AccessExpectations(target.model())
                .routeMatrix(List.of(Ingresses.tailnet(fixtures), Ingresses.internet(fixtures)));
        return judged(target, cases);
    }

    @TestFactory
    @DisplayName("bypass attempts from the internet are still refused")
    Stream<DynamicTest> bypassAttemptsFromTheInternet(Target target) {
        Fixtures fixtures = fixtures(target);
        AccessExpectations expectations = new AccessExpectations(target.model());
        Ingress internet = Ingresses.internet(fixtures);
        List<AccessCase> cases = new ArrayList<>(expectations.bypassAttempts(internet, Ingresses.tailnet(fixtures)));
        cases.addAll(expectations.hostlessRequests(internet));
        return judged(target, cases);
    }

    @TestFactory
    @DisplayName("the published port through Docker's userland proxy is admitted, and that is waived")
    Stream<DynamicTest> publishedPortThroughTheUserlandProxy(Target target) {
        Fixtures fixtures = fixtures(target);
        Stack model = target.model();
        AccessExpectations expectations = new AccessExpectations(model);
        List<AccessCase> cases = new ArrayList<>();
        for (Ingress ingress : List.of(Ingresses.internetViaPublishedPort(model, fixtures), Ingresses.hostLoopback(model))) {
            expectations.routeMatrix(List.of(ingress)).stream()
                    .filter(c -> c.route().filter(r -> r.access() == Access.VPN_ONLY).isPresent())
                    .forEach(cases::add);
        }
        List<Observation> seen = observe(target, cases);
        AccessComparison comparison = comparison(target);
        return IntStream.range(0, cases.size()).mapToObj(i -> DynamicTest.dynamicTest(cases.get(i).name(), () -> {
            AccessCase c = cases.get(i);
            Observation observed = seen.get(i);
            assertThat(comparison.asPredicted(c, observed)).as(comparison.unpredicted(c, observed)).isTrue();
            Finding finding = Waivers.decide(model.waivers(), LocalDate.now(), comparison.compare(c, observed));
            Status expected = c.deviationPredicted() ? Status.WAIVED : Status.PASS;
            assertThat(finding.status()).as("%s%n%s", finding, finding.waiver()
                    .map(w -> "waiver: " + w.justification()).orElse("no waiver in the model")).isEqualTo(expected);
        }));
    }

    /**
     * The acceptance check "widen the allow-list": a Caddyfile whose vpn_only admits the internet
     * fixture, loaded into the running proxy, must make every VPN-only route a violation naming the
     * route and the client's address; the model's own Caddyfile is put back whatever happens.
     */
    @Test
    @Tag("destructive")
    @DisplayName("a Caddyfile whose allow-list admits the internet is reported as a violation, route and client named")
    void wideningTheAllowListIsCaught(RunningStack stack) throws IOException {
        stack.requireDestructive("rewrite and reload the proxy's Caddyfile");
        Stack model = stack.model();
        Fixtures fixtures = fixtures(stack);
        Ingress internet = Ingresses.internet(fixtures);
        Path caddyfile = mountedSource(stack, model.proxy().service(), "/etc/caddy/Caddyfile");
        CaddyfileRenderer renderer = new CaddyfileRenderer(TlsMode.valueOf(stack.environment().tls().name()));
        String original = Files.readString(caddyfile);
        assertThat(original).as("the Caddyfile %s the proxy runs with is the model's", caddyfile)
                .isEqualTo(renderer.caddyfile(model));

        List<Cidr> widened = new ArrayList<>(model.proxy().vpnOnlyAllowList());
        widened.add(fixtures.internet().subnet());
        String wide = renderer.caddyfile(model.withProxy(model.proxy().withAllowList(widened)));
        List<AccessCase> vpnOnly = new AccessExpectations(model).routeMatrix(List.of(internet)).stream()
                .filter(c -> c.route().filter(r -> r.access() == Access.VPN_ONLY).isPresent()).toList();
        assertThat(vpnOnly).as("VPN-only routes of the model").isNotEmpty();
        AccessComparison comparison = comparison(stack);

        List<Observation> whileWide;
        try {
            // Written in place: the bind mount follows the file's inode, a rename would leave the proxy on the old one.
            Files.writeString(caddyfile, wide);
            reload(stack);
            whileWide = AccessProber.observe(stack, vpnOnly);
        } finally {
            Files.writeString(caddyfile, original);
            reload(stack);
        }
        for (int i = 0; i < vpnOnly.size(); i++) {
            AccessCase c = vpnOnly.get(i);
            Finding finding = comparison.compare(c, whileWide.get(i));
            assertThat(finding.status()).as("with %s admitted, %s must be a violation: %s", fixtures.internet().subnet(),
                    c.name(), finding).isEqualTo(Status.FAIL);
            assertThat(finding.message()).contains(c.route().orElseThrow().id(), internet.clientAddress(),
                    internet.connectAddress(), stack.name());
        }
        List<Observation> restored = AccessProber.observe(stack, vpnOnly);
        for (int i = 0; i < vpnOnly.size(); i++) {
            Finding finding = comparison.compare(vpnOnly.get(i), restored.get(i));
            assertThat(finding.status()).as("after restoring the model's Caddyfile: %s", finding).isEqualTo(Status.PASS);
        }
    }

    private static Stream<DynamicTest> judged(Target target, List<AccessCase> cases) {
        List<Observation> seen = observe(target, cases);
        AccessComparison comparison = comparison(target);
        return IntStream.range(0, cases.size()).mapToObj(i -> DynamicTest.dynamicTest(cases.get(i).name(), () -> {
            Finding finding = Waivers.decide(target.model().waivers(), LocalDate.now(),
                    comparison.compare(cases.get(i), seen.get(i)));
            if (finding.failed()) {
                fail(finding.message());
            }
        }));
    }

    /** All requests of a factory in one parallel batch per client; the time goes to the log for the report. */
    private static List<Observation> observe(Target target, List<AccessCase> cases) {
        long start = System.nanoTime();
        List<Observation> seen = AccessProber.observe(target, cases);
        long sources = cases.stream().map(c -> c.ingress().from()).distinct().count();
        System.out.printf("[access] %d requests from %d sources in %d ms (environment %s)%n", cases.size(), sources,
                (System.nanoTime() - start) / 1_000_000, target.name());
        return seen;
    }

    private static AccessComparison comparison(Target target) {
        Set<String> standIns = target.model().services().stream().map(Service::name)
                .filter(s -> target.fidelity(s) == Fidelity.STAND_IN).collect(Collectors.toSet());
        return new AccessComparison(target.name(), standIns);
    }

    private static Fixtures fixtures(Target target) {
        Assumptions.assumeTrue(target.fixtures().isPresent(),
                "environment '" + target.name() + "' has no fixture clients to send requests from");
        return target.fixtures().get();
    }

    private static void reload(RunningStack stack) {
        String proxy = stack.model().proxy().service();
        ProcessRunner.Result result = stack.exec(proxy, "caddy reload --config /etc/caddy/Caddyfile --adapter caddyfile",
                RELOAD);
        if (!result.ok()) {
            throw new IllegalStateException("caddy reload in " + proxy + " failed (exit " + result.exitCode() + "): "
                    + result.tail(5));
        }
    }

    /** The host file bind-mounted at {@code destination} in {@code service}'s container: the run directory's copy. */
    static Path mountedSource(RunningStack stack, String service, String destination) {
        return stack.docker().inspectContainerCmd(stack.container(service)).exec().getMounts().stream()
                .filter(m -> m.getDestination() != null && destination.equals(m.getDestination().getPath()))
                .map(m -> Path.of(m.getSource()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(service + " has nothing mounted at " + destination));
    }
}
