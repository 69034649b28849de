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
import io.vpai.harness.baseline.ArchitectureBaseline;
import io.vpai.harness.check.Finding;
import io.vpai.harness.check.Status;
import io.vpai.harness.check.Waivers;
import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.Access;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.support.RequiresDocker;
import io.vpai.harness.target.Target;
import io.vpai.harness.target.DestructiveAccess;
import io.vpai.harness.mesh.VpsForwarding;
import io.vpai.harness.support.Capabilities;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

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
@Epic(Behaviors.CONFORMANCE)
@Feature(Behaviors.VPN_ONLY_ACCESS)
@Story("Routes, bypasses and the running proxy")
class VpnOnlyAccessSpec {
    /** The gate rule's id: the same fact judged on the running proxy, so the same waivers apply. */
    static final String ALLOW_LIST = "acl.vpn-only-allow-list";

    @TestFactory
    @DisplayName("every route: proxied from the VPN client over the mesh (section 2.5 path), 403 from the internet unless public")
    Stream<DynamicTest> everyRouteFromTheTailnetAndTheInternet(Target target) {
        Fixtures fixtures = fixtures(target);
        List<AccessCase> cases = new AccessExpectations(target.model()).routeMatrix(List.of(
                Ingresses.tailnetViaPublishedPort(target.model(), fixtures), Ingresses.internet(fixtures)));
        List<Observation> seen = observe(target, cases);
        return Stream.of(judged(target, cases, seen), refusedAsTheArchitectureSays(target, cases, seen),
                sourcesCaddySaw(cases, seen)).flatMap(s -> s);
    }

    /**
     * The other ingress path: the VPS node hands the VPN client's requests to Caddy by kernel DNAT, so Caddy sees
     * the client's own tailnet address. The VPS node goes back to the published port whatever happens.
     */
    @TestFactory
    @DisplayName("every route from the VPN client through the VPS node's kernel DNAT, where Caddy sees its tailnet address")
    Stream<DynamicTest> everyRouteThroughKernelDnat(Target target) {
        Fixtures fixtures = fixtures(target);
        DestructiveAccess access = Capabilities.destructive(target, "switch the mesh's VPS node to kernel DNAT");
        List<AccessCase> cases = new AccessExpectations(target.model()).routeMatrix(List.of(Ingresses.tailnet(fixtures)));
        List<Observation> seen;
        try {
            access.mesh().forwardVpnClients(VpsForwarding.Path.DIRECT);
            seen = observe(target, cases);
        } finally {
            access.mesh().forwardVpnClients(VpsForwarding.Path.PUBLISHED_PORT);
        }
        return Stream.concat(judged(target, cases, seen), sourcesCaddySaw(cases, seen));
    }

    /**
     * Per request, the source address Caddy saw (Caddy's X-Forwarded-For, echoed by the upstream): the one the
     * ingress path predicts — the frontend gateway through the published port, the client's tailnet address
     * through kernel DNAT, the public client's own address from the internet. Requests Caddy answered itself
     * (403, redirects) carry no echo and have nothing to compare.
     */
    private static Stream<DynamicTest> sourcesCaddySaw(List<AccessCase> cases, List<Observation> seen) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            AccessCase c = cases.get(i);
            Observation observed = seen.get(i);
            if (observed.standIn().isEmpty()) {
                continue;
            }
            String predicted = c.ingress().sourceAtProxy().toString();
            tests.add(DynamicTest.dynamicTest(c.request().host().orElse("") + c.request().path() + " from "
                    + c.ingress().name() + ": Caddy saw it from " + observed.seenFrom().orElse("nobody"), () ->
                    assertThat(observed.seenFrom()).as("the source Caddy saw for %s (%s)", c.name(),
                            c.ingress().describe(443)).contains(predicted)));
        }
        if (tests.isEmpty()) {
            tests.add(DynamicTest.dynamicTest("some request reached an upstream", () ->
                    fail("no request of %d reached an upstream: no source Caddy saw to compare", cases.size())));
        }
        return tests.stream();
    }

    /**
     * The second oracle: section 0 marks the VPS names "VPN uniquement" and section 2.5 answers 403 to a client
     * not in the tailnet range — so the internet's request for the root of each of those names must be refused,
     * whatever the model's routes say.
     */
    private static Stream<DynamicTest> refusedAsTheArchitectureSays(Target target, List<AccessCase> cases,
                                                                  List<Observation> seen) {
        Set<String> vpnOnly = new java.util.TreeSet<>(ArchitectureBaseline.VPN_ONLY_VPS_NAMES);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            AccessCase c = cases.get(i);
            Observation observed = seen.get(i);
            String host = c.request().host().orElse("");
            if (c.ingress().fromTailnet() || !c.request().path().equals("/") || !vpnOnly.contains(host)) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest("https://" + host + "/ from the internet is refused with 403 "
                    + "(architecture baseline)", () -> {
                if (observed.status() != 403) {
                    fail("Expecting https://%s/ from %s to get 403, as %s says (VPN uniquement; not in %s → 403), but it "
                                    + "got %s; the model routes it as %s [environment %s]", host, c.ingress().name(),
                            ArchitectureBaseline.says("sections 0 and 2.5"), ArchitectureBaseline.TAILNET_RANGE,
                            observed.describe(), c.route().map(r -> r.access().toString()).orElse("no route"),
                            target.name());
                }
            }));
        }
        if (tests.isEmpty()) {
            tests.add(DynamicTest.dynamicTest("the route matrix holds the architecture's VPN-only names", () ->
                    fail("no internet request for the root of %s in the route matrix of %s", vpnOnly, target.name())));
        }
        return tests.stream();
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
     * The proxy's running configuration, not only its files: it equals {@code caddy adapt} of the Caddyfile it
     * was given, and every {@code vpn_only} it enforces admits exactly the model's allow-list — and nothing the
     * architecture baseline does not (its tailnet range, plus subjects the model waives).
     */
    @TestFactory
    @DisplayName("the running proxy enforces the configuration it was given")
    Stream<DynamicTest> theRunningProxyEnforcesItsConfiguration(Target target) {
        String proxy = target.model().proxy().service();
        String live = LiveProxyConfig.read(target);
        return Stream.of(
                DynamicTest.dynamicTest(proxy + "'s running configuration equals caddy adapt of its Caddyfile", () -> {
                    List<String> differences = LiveProxyConfig.differences(
                            LiveProxyConfig.adapt(target.expectedCaddyFiles()), live);
                    if (!differences.isEmpty()) {
                        fail("the running configuration of %s on %s is not its Caddyfile's:%n  %s", proxy,
                                target.name(), String.join("\n  ", differences));
                    }
                }),
                DynamicTest.dynamicTest("every vpn_only on the running " + proxy + " admits the model's allow-list and "
                        + "only what the architecture admits", () -> {
                    List<String> problems = allowListProblems(target, live);
                    if (!problems.isEmpty()) {
                        fail(String.join("\n", problems));
                    }
                }));
    }

    /** Both live checks' failures, for the fault spec that widens the running proxy. */
    static List<String> liveConfigProblems(Target target) {
        String live = LiveProxyConfig.read(target);
        List<String> problems = new ArrayList<>(LiveProxyConfig.differences(
                LiveProxyConfig.adapt(target.expectedCaddyFiles()), live));
        problems.addAll(allowListProblems(target, live));
        return problems;
    }

    private static List<String> allowListProblems(Target target, String live) {
        Stack model = target.model();
        List<List<String>> enforced = LiveProxyConfig.allowLists(live);
        Set<String> declared = model.proxy().vpnOnlyAllowList().stream().map(Cidr::toString)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        List<String> problems = new ArrayList<>();
        if (enforced.isEmpty()) {
            problems.add("the running " + model.proxy().service() + " on " + target.name() + " enforces no vpn_only "
                    + "allow-list at all (no 'not remote_ip' matcher)");
        }
        Set<String> seen = new java.util.TreeSet<>();
        for (List<String> ranges : enforced) {
            Set<String> admitted = new java.util.TreeSet<>(ranges);
            if (!admitted.equals(declared) && seen.add("model " + admitted)) {
                problems.add("a vpn_only on the running " + model.proxy().service() + " (" + target.name()
                        + ") admits " + admitted + "; the model's allow-list is " + declared);
            }
            for (String range : admitted) {
                if (range.equals(ArchitectureBaseline.TAILNET_RANGE.toString()) || !seen.add("baseline " + range)) {
                    continue;
                }
                Finding finding = Waivers.decide(model.waivers(), LocalDate.now(), Finding.fail(ALLOW_LIST, range,
                        "the running " + model.proxy().service() + " (" + target.name() + ") admits " + range
                                + " through vpn_only; " + ArchitectureBaseline.says("section 2.5") + " admits "
                                + ArchitectureBaseline.TAILNET_RANGE + " only, and the model waives no finding of "
                                + ALLOW_LIST + " for " + range));
                if (finding.failed()) {
                    problems.add(finding.message());
                }
            }
        }
        return problems;
    }

    private static Stream<DynamicTest> judged(Target target, List<AccessCase> cases) {
        return judged(target, cases, observe(target, cases));
    }

    private static Stream<DynamicTest> judged(Target target, List<AccessCase> cases, List<Observation> seen) {
        AccessComparison comparison = comparison(target);
        return IntStream.range(0, cases.size()).mapToObj(i -> DynamicTest.dynamicTest(cases.get(i).name(), () -> {
            Finding finding = Waivers.decide(target.model().waivers(), LocalDate.now(),
                    comparison.compare(cases.get(i), seen.get(i)));
            if (finding.failed()) {
                fail(finding.message());
            }
            answeredByARealUpstream(target, cases.get(i), seen.get(i));
        }));
    }

    /** A request that passed because a stand-in answered proves Caddy's routing only: skipped, with that reason. */
    static void answeredByARealUpstream(Target target, AccessCase c, Observation seen) {
        seen.standIn().filter(s -> !s.isEmpty()).ifPresent(standIn -> Assumptions.abort(c.name()
                + ": Caddy proxied it as expected, but the answer came from the stand-in for " + standIn + " on "
                + target.name() + ", not from the real component"));
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

    static AccessComparison comparison(Target target) {
        Set<String> standIns = target.model().services().stream().map(Service::name)
                .filter(s -> target.fidelity(s) == Fidelity.STAND_IN).collect(Collectors.toSet());
        return new AccessComparison(target.name(), standIns);
    }

    static Fixtures fixtures(Target target) {
        Assumptions.assumeTrue(target.fixtures().isPresent(),
                "environment '" + target.name() + "' has no fixture clients to send requests from");
        return target.fixtures().get();
    }
}
