package io.vpai.harness.access;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.Access;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Ipv4;
import io.vpai.harness.model.Route;
import io.vpai.harness.model.Stack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.vpai.harness.access.OfflineFixtures.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

/** Which request gets what, derived from the model: the route matrix, the bypass attempts, the waived path. */
@Tag("gate")
@DisplayName("Access expectations")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.ACCESS_PROBES)
class AccessExpectationsTest {
    private final Fixtures fixtures = OfflineFixtures.fixtures();
    private final Ingress tailnet = Ingresses.tailnet(fixtures);
    private final Ingress internet = Ingresses.internet(fixtures);

    private static AccessCase find(List<AccessCase> cases, String target, Ingress ingress) {
        return cases.stream().filter(c -> c.target().equals(target) && c.ingress().equals(ingress)
                        && c.request().variant().isEmpty())
                .findFirst().orElseThrow(() -> new AssertionError("no case " + target + " from " + ingress.name()
                        + " in " + cases.stream().map(AccessCase::name).toList()));
    }

    @Test
    void everyRouteIsProxiedFromTheTailnetAndForbiddenFromTheInternetUnlessPublic() {
        List<AccessCase> cases = new AccessExpectations(MODEL).routeMatrix(List.of(tailnet, internet));
        for (Route route : MODEL.proxy().routes()) {
            String target = route.host() + AccessExpectations.requestPath(route);
            AccessCase fromTailnet = find(cases, target, tailnet);
            AccessCase fromInternet = find(cases, target, internet);
            assertThat(fromTailnet.intended().admitted()).as(target + " from tailnet").isTrue();
            assertThat(fromInternet.intended().admitted()).as(target + " from internet")
                    .isEqualTo(route.access() == Access.PUBLIC);
            assertThat(fromInternet.route()).contains(route);
            assertThat(fromInternet.deviationPredicted()).isFalse();
            assertThat(fromInternet.checkId()).isEqualTo(AccessExpectations.ROUTE_ACCESS);
        }
    }

    @Test
    void testNamesAreSentences() {
        List<AccessCase> cases = new AccessExpectations(MODEL).routeMatrix(List.of(tailnet, internet));
        assertThat(cases).extracting(AccessCase::name).contains(
                "llm.ewutelo.cloud/ from tailnet → proxied",
                "llm.ewutelo.cloud/ from internet → 403",
                "ewutelo.cloud/health from internet → 200 \"OK\"",
                "mayi.ewutelo.cloud/webhook/vpai-probe from internet → proxied",
                "mayi.ewutelo.cloud/ from internet → 403");
    }

    @Test
    void proxiedRoutesNameTheirUpstreamAndRespondRoutesTheirBody() {
        List<AccessCase> cases = new AccessExpectations(MODEL).routeMatrix(List.of(tailnet, internet));
        assertThat(find(cases, "llm.ewutelo.cloud/", tailnet).intended()).isEqualTo(Expectation.proxied("litellm"));
        assertThat(find(cases, "mayi.ewutelo.cloud/webhook/vpai-probe", internet).intended())
                .isEqualTo(Expectation.proxied("n8n"));
        assertThat(find(cases, "ewutelo.cloud/health", internet).intended())
                .isEqualTo(Expectation.answered(200, Optional.of("OK")));
    }

    @Test
    void pathsNoRouteDeclaresAreVpnOnlyOnHostsThatHaveAPublicPath() {
        List<AccessCase> cases = new AccessExpectations(MODEL).routeMatrix(List.of(tailnet, internet));
        // ewutelo.cloud has only /health: its / is the proxy's VPN-only 404
        assertThat(find(cases, "ewutelo.cloud/", tailnet).intended()).isEqualTo(Expectation.answered(404, Optional.empty()));
        assertThat(find(cases, "ewutelo.cloud/", internet).intended()).isEqualTo(Expectation.forbidden());
        assertThat(find(cases, "ewutelo.cloud/", internet).route()).isEmpty();
        // near misses: beside the public path, not under it
        assertThat(find(cases, "ewutelo.cloud/health/vpai-probe", internet).intended()).isEqualTo(Expectation.forbidden());
        AccessCase webhookBare = find(cases, "mayi.ewutelo.cloud/webhook", internet);
        assertThat(webhookBare.intended()).isEqualTo(Expectation.forbidden());
        assertThat(webhookBare.route().map(Route::id)).contains("mayi.ewutelo.cloud/");
        assertThat(find(cases, "mayi.ewutelo.cloud/webhook", tailnet).intended()).isEqualTo(Expectation.proxied("n8n"));
    }

    @Test
    void aRouteFlippedPublicChangesTheExpectation() {
        List<Route> routes = new ArrayList<>();
        for (Route route : MODEL.proxy().routes()) {
            routes.add(route.id().equals("llm.ewutelo.cloud/") ? route.withAccess(Access.PUBLIC) : route);
        }
        Stack flipped = MODEL.withProxy(MODEL.proxy().withRoutes(routes));
        AccessCase before = find(new AccessExpectations(MODEL).routeMatrix(List.of(internet)), "llm.ewutelo.cloud/", internet);
        AccessCase after = find(new AccessExpectations(flipped).routeMatrix(List.of(internet)), "llm.ewutelo.cloud/", internet);
        assertThat(before.intended()).isEqualTo(Expectation.forbidden());
        assertThat(after.intended()).isEqualTo(Expectation.proxied("litellm"));
        assertThat(after.name()).isEqualTo("llm.ewutelo.cloud/ from internet → proxied");
    }

    @Test
    void thePublishedPortPathIsPredictedAdmittedAndReportedAsTheWaivableBridgeFinding() {
        Ingress published = Ingresses.internetViaPublishedPort(MODEL, fixtures);
        assertThat(published.connectAddress()).hasToString(fixtures.internet().gateway());
        assertThat(published.sourceAtProxy()).hasToString(MODEL.requireNetwork("frontend").gateway());
        AccessCase c = find(new AccessExpectations(MODEL).routeMatrix(List.of(published)), "llm.ewutelo.cloud/", published);
        assertThat(c.intended()).isEqualTo(Expectation.forbidden());
        assertThat(c.predicted()).isEqualTo(Expectation.proxied("litellm"));
        assertThat(c.checkId()).isEqualTo("acl.vpn-only-allow-list");
        assertThat(c.name()).isEqualTo("llm.ewutelo.cloud/ from internet via the published port at 198.51.100.1 → proxied"
                + " (acl.vpn-only-allow-list, must be waived)");
        Ingress loopback = Ingresses.hostLoopback(MODEL);
        assertThat(find(new AccessExpectations(MODEL).routeMatrix(List.of(loopback)), "llm.ewutelo.cloud/", loopback)
                .checkId()).isEqualTo("acl.vpn-only-allow-list");
    }

    @Test
    void withoutTheBridgeSubnetInTheAllowListThePublishedPortPathIsPredictedForbidden() {
        Stack strict = MODEL.withProxy(MODEL.proxy().withAllowList(List.of(MODEL.tailnet().prefix())));
        Ingress published = Ingresses.internetViaPublishedPort(strict, fixtures);
        AccessCase c = find(new AccessExpectations(strict).routeMatrix(List.of(published)), "llm.ewutelo.cloud/", published);
        assertThat(c.predicted()).isEqualTo(Expectation.forbidden());
        assertThat(c.deviationPredicted()).isFalse();
        assertThat(c.checkId()).isEqualTo(AccessExpectations.ROUTE_ACCESS);
    }

    @Test
    void anAllowListAdmittingTheInternetPredictsADeviationOfItsOwnKind() {
        List<Cidr> widened = new ArrayList<>(MODEL.proxy().vpnOnlyAllowList());
        widened.add(fixtures.internet().subnet());
        Stack wide = MODEL.withProxy(MODEL.proxy().withAllowList(widened));
        AccessCase c = find(new AccessExpectations(wide).routeMatrix(List.of(internet)), "llm.ewutelo.cloud/", internet);
        assertThat(c.intended()).isEqualTo(Expectation.forbidden());
        assertThat(c.predicted()).isEqualTo(Expectation.proxied("litellm"));
        assertThat(c.checkId()).isEqualTo(AccessExpectations.NON_VPN_ADMITTED);
    }

    @Test
    void aVpnClientOutsideTheAllowListIsPredictedDenied() {
        Stack narrow = MODEL.withProxy(MODEL.proxy().withAllowList(List.of(Cidr.parse("172.20.1.0/24"))));
        AccessCase c = find(new AccessExpectations(narrow).routeMatrix(List.of(tailnet)), "llm.ewutelo.cloud/", tailnet);
        assertThat(c.intended()).isEqualTo(Expectation.proxied("litellm"));
        assertThat(c.predicted()).isEqualTo(Expectation.forbidden());
        assertThat(c.checkId()).isEqualTo(AccessExpectations.VPN_CLIENT_DENIED);
    }

    @Test
    void bypassAttemptsCoverEveryVpnOnlyRouteAndAreAllForbidden() {
        List<AccessCase> cases = new AccessExpectations(MODEL).bypassAttempts(internet, tailnet);
        long vpnOnlyRoutes = MODEL.proxy().routes().stream().filter(r -> r.access() == Access.VPN_ONLY).count();
        long publicPaths = MODEL.proxy().routes().stream().filter(r -> r.access() == Access.PUBLIC).count();
        assertThat(cases).hasSize((int) (vpnOnlyRoutes * 5 + publicPaths * 2));
        assertThat(cases).allSatisfy(c -> {
            assertThat(c.intended()).as(c.name()).isEqualTo(Expectation.forbidden());
            assertThat(c.checkId()).isEqualTo(AccessExpectations.BYPASS);
            assertThat(c.ingress()).isEqualTo(internet);
        });
        assertThat(cases).extracting(AccessCase::name).contains(
                "llm.ewutelo.cloud/ from internet with X-Forwarded-For: 100.64.0.2 → 403",
                "llm.ewutelo.cloud/ from internet with X-Real-IP: 100.64.0.2 → 403",
                "llm.ewutelo.cloud/ from internet with Forwarded: for=100.64.0.2 → 403",
                "llm.ewutelo.cloud/ from internet with SNI ewutelo.cloud and Host llm.ewutelo.cloud → 403",
                "llm.ewutelo.cloud/ from internet as absolute-form request line through ewutelo.cloud → 403",
                "mayi.ewutelo.cloud/webhook/../ from internet escaping /webhook/ with .. → 403",
                "mayi.ewutelo.cloud/webhook/%2e%2e/ from internet escaping /webhook/ with %2e%2e → 403");
        AccessCase sni = cases.stream().filter(c -> c.name().contains("SNI ewutelo.cloud and Host llm")).findFirst().orElseThrow();
        assertThat(sni.request().curlArguments(Ipv4.parse("198.51.100.10"), 5)).containsSubsequence(
                "--resolve", "ewutelo.cloud:443:198.51.100.10", "-H", "Host: llm.ewutelo.cloud", "https://ewutelo.cloud:443/");
        AccessCase traversal = cases.stream().filter(c -> c.name().contains("escaping /webhook/")).findFirst().orElseThrow();
        assertThat(traversal.route().map(Route::id)).contains("mayi.ewutelo.cloud/");
        AccessCase healthTraversal = cases.stream().filter(c -> c.name().contains("escaping /health")).findFirst().orElseThrow();
        assertThat(healthTraversal.target()).isEqualTo("ewutelo.cloud/health/../");
        assertThat(healthTraversal.route()).isEmpty();
    }

    @Test
    void hostlessRequestsGoToTheBareAddressOnBothPortsAndMustBeTurnedAway() {
        List<AccessCase> cases = new AccessExpectations(MODEL).hostlessRequests(internet);
        assertThat(cases).extracting(c -> c.request().port()).containsExactly(80, 443, 443, 443);
        assertThat(cases.get(0).request().curlArguments(internet.connectAddress(), 5))
                .containsSequence("-0", "-H", "Host:").contains("http://198.51.100.10:80/").doesNotContain("--resolve");
        assertThat(cases.get(1).request().curlArguments(internet.connectAddress(), 5))
                .contains("--no-alpn", "https://198.51.100.10:443/");
        assertThat(cases).allSatisfy(c -> assertThat(c.intended()).isEqualTo(Expectation.turnedAway()));
        assertThat(cases.get(0).name()).isEqualTo("198.51.100.10/ from internet over HTTP/1.0 without Host on port 80 → turned away");
    }

    @Test
    void routeTableCleansPathsAsCaddyDoes() {
        assertThat(RouteTable.clean("/webhook/../")).isEqualTo("/");
        assertThat(RouteTable.clean("/webhook/x")).isEqualTo("/webhook/x");
        assertThat(RouteTable.clean("//webhook//x/")).isEqualTo("/webhook/x/");
        assertThat(RouteTable.clean("/a/./b/..")).isEqualTo("/a/");
        RouteTable table = new RouteTable(MODEL);
        assertThat(table.serve("mayi.ewutelo.cloud", "/WEBHOOK/x").access()).isEqualTo(Access.PUBLIC);
        assertThat(table.serve("mayi.ewutelo.cloud", "/webhook/../x").access()).isEqualTo(Access.VPN_ONLY);
        assertThat(table.serve("mayi.ewutelo.cloud", "/webhook/%2e%2e/").access()).isEqualTo(Access.VPN_ONLY);
        assertThat(table.serve("mayi.ewutelo.cloud", "/webhook/%41").access()).isEqualTo(Access.PUBLIC);
        assertThat(table.serve("unknown.ewutelo.cloud", "/").route()).isEmpty();
    }
}
