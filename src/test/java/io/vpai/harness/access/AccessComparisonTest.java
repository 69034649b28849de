package io.vpai.harness.access;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.check.Finding;
import io.vpai.harness.check.Status;
import io.vpai.harness.check.Waivers;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.Waiver;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.vpai.harness.access.OfflineFixtures.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

/** Observation against expectation: findings whose messages name the route, the client, the addresses and the environment. */
@Tag("gate")
@DisplayName("Access comparison")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.ACCESS_PROBES)
class AccessComparisonTest {
    private final Fixtures fixtures = OfflineFixtures.fixtures();
    private final Ingress tailnet = Ingresses.tailnet(fixtures);
    private final Ingress internet = Ingresses.internet(fixtures);
    private final AccessExpectations expectations = new AccessExpectations(MODEL);
    private final AccessComparison comparison = new AccessComparison("offline", Set.of("litellm", "n8n", "openclaw"));

    private AccessCase llm(Ingress ingress) {
        return expectations.plain(Request.https("llm.ewutelo.cloud", "/"), ingress);
    }

    private static Observation standIn(String service) {
        return new Observation(200, Optional.of(service), "stand-in " + service + " GET /");
    }

    @Test
    void aForbiddenRouteAnswered403Passes() {
        Finding finding = comparison.compare(llm(internet), new Observation(403, Optional.empty(), ""));
        assertThat(finding.status()).isEqualTo(Status.PASS);
        assertThat(finding.checkId()).isEqualTo("acl.route-access");
        assertThat(finding.subject()).isEqualTo("llm.ewutelo.cloud/");
    }

    @Test
    void aForbiddenRouteThatReachedItsUpstreamFailsNamingRouteClientAddressesAndEnvironment() {
        Finding finding = comparison.compare(llm(internet), standIn("litellm"));
        assertThat(finding.status()).isEqualTo(Status.FAIL);
        assertThat(finding.message()).isEqualTo("Expecting llm.ewutelo.cloud/ (route llm.ewutelo.cloud/) from the internet "
                + "client 198.51.100.20 (fixture-internet-client) → 198.51.100.10:443 to be denied with 403 but was 200 "
                + "\"stand-in litellm GET /\" from stand-in litellm (X-Vpai-Standin: litellm) [environment offline]");
    }

    @Test
    void proxiedMeansTheRightUpstreamAnswered() {
        assertThat(comparison.compare(llm(tailnet), standIn("litellm")).status()).isEqualTo(Status.PASS);
        Finding wrongUpstream = comparison.compare(llm(tailnet), standIn("n8n"));
        assertThat(wrongUpstream.status()).isEqualTo(Status.FAIL);
        assertThat(wrongUpstream.message()).contains("to be proxied to litellm but was 200", "stand-in n8n",
                "the VPN client 100.64.0.2 (fixture-vpn-client) → 100.64.0.14:443");
        assertThat(comparison.compare(llm(tailnet), new Observation(403, Optional.empty(), "")).status())
                .isEqualTo(Status.FAIL);
        Finding silent = comparison.compare(llm(tailnet), Observation.noAnswer());
        assertThat(silent.message()).contains("but was no answer");
    }

    @Test
    void aRealUpstreamHasNoMarkSoAnyAnswerButARefusalOrAGatewayErrorCounts() {
        AccessComparison allReal = new AccessComparison("local", Set.of());
        assertThat(allReal.compare(llm(tailnet), new Observation(401, Optional.empty(), "")).status()).isEqualTo(Status.PASS);
        assertThat(allReal.compare(llm(tailnet), new Observation(502, Optional.empty(), "")).status()).isEqualTo(Status.FAIL);
        assertThat(allReal.compare(llm(tailnet), new Observation(403, Optional.empty(), "")).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void answersOfTheProxyItselfAreCheckedByStatusAndBody() {
        AccessCase health = expectations.plain(Request.https("ewutelo.cloud", "/health"), internet);
        assertThat(comparison.compare(health, new Observation(200, Optional.empty(), "OK")).status()).isEqualTo(Status.PASS);
        assertThat(comparison.compare(health, new Observation(200, Optional.empty(), "")).status()).isEqualTo(Status.FAIL);
        assertThat(comparison.compare(health, new Observation(200, Optional.of("n8n"), "OK")).status()).isEqualTo(Status.FAIL);
        AccessCase fallback = expectations.plain(Request.https("ewutelo.cloud", "/"), tailnet);
        Finding notFound = comparison.compare(fallback, new Observation(404, Optional.empty(), ""));
        assertThat(notFound.status()).isEqualTo(Status.PASS);
        assertThat(notFound.subject()).isEqualTo("ewutelo.cloud/ (no route: the proxy's VPN-only fallback)");
    }

    @Test
    void theBridgePathGettingThroughIsWaivedByTheModelAndFailsWithoutOrAfterTheWaiver() {
        Ingress published = Ingresses.internetViaPublishedPort(MODEL, fixtures);
        AccessCase c = expectations.plain(Request.https("llm.ewutelo.cloud", "/"), published);
        Observation through = standIn("litellm");
        assertThat(comparison.asPredicted(c, through)).isTrue();
        Finding raw = comparison.compare(c, through);
        assertThat(raw.status()).isEqualTo(Status.FAIL);
        assertThat(raw.checkId()).isEqualTo("acl.vpn-only-allow-list");
        // About the admitting entry, so the model's waiver for that entry (and only it) covers the live path too.
        assertThat(raw.subject()).isEqualTo("172.20.1.0/24");
        assertThat(raw.message()).contains("198.51.100.1:443, seen by the proxy as 172.20.1.1", "to be denied with 403");

        LocalDate today = LocalDate.of(2026, 3, 1);
        assertThat(Waivers.decide(MODEL.waivers(), today, raw).status()).isEqualTo(Status.WAIVED);
        assertThat(Waivers.decide(List.of(), today, raw).status()).isEqualTo(Status.FAIL);
        List<Waiver> expired = List.of(new Waiver("acl.vpn-only-allow-list", "172.20.1.0/24", "was accepted",
                Optional.of(LocalDate.of(2026, 1, 1))));
        Finding afterExpiry = Waivers.decide(expired, today, raw);
        assertThat(afterExpiry.status()).isEqualTo(Status.FAIL);
        assertThat(afterExpiry.message()).contains("waiver expired on 2026-01-01");
    }

    @Test
    void theBridgePathDeniedIsNotWhatTheModelPredicts() {
        Ingress published = Ingresses.internetViaPublishedPort(MODEL, fixtures);
        AccessCase c = expectations.plain(Request.https("llm.ewutelo.cloud", "/"), published);
        Observation denied = new Observation(403, Optional.empty(), "");
        assertThat(comparison.asPredicted(c, denied)).isFalse();
        assertThat(comparison.unpredicted(c, denied)).contains("to be proxied to litellm but was 403",
                "allow-list decides on the source 172.20.1.1");
    }

    @Test
    void aRequestWithoutHostPassesWhenTurnedAwayAndFailsWhenAnythingIsServed() {
        AccessCase hostless = expectations.hostlessRequests(internet).get(0);
        for (Observation away : List.of(new Observation(308, Optional.empty(), ""), new Observation(403, Optional.empty(), ""),
                new Observation(400, Optional.empty(), "Bad Request"), new Observation(200, Optional.empty(), ""),
                Observation.noAnswer())) {
            assertThat(comparison.compare(hostless, away).status()).as(away.describe()).isEqualTo(Status.PASS);
        }
        for (Observation served : List.of(standIn("litellm"), new Observation(200, Optional.empty(), "OK"),
                new Observation(502, Optional.empty(), ""))) {
            Finding finding = comparison.compare(hostless, served);
            assertThat(finding.status()).as(served.describe()).isEqualTo(Status.FAIL);
            assertThat(finding.message()).contains("to be turned away", "198.51.100.20", "[environment offline]");
        }
    }

    @Test
    void observationsParseTheProberLineAndClassify() {
        assertThat(Observation.parse("403||").outcome()).isEqualTo(Outcome.FORBIDDEN);
        Observation proxied = Observation.parse("200|litellm|stand-in litellm GET /");
        assertThat(proxied.outcome()).isEqualTo(Outcome.PROXIED);
        assertThat(proxied.standIn()).contains("litellm");
        assertThat(Observation.parse("000||").outcome()).isEqualTo(Outcome.NO_ANSWER);
        // A line that is no status means curl did not run: an error, never "no answer".
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Observation.parse("|||"))
                .isInstanceOf(io.vpai.harness.probe.ProbeError.class).hasMessageContaining("curl printed '|||'");
        assertThat(Observation.parse("200|||OK|with a bar").bodyStart()).isEqualTo("OK|with a bar");
        // The source the proxy saw, as the upstream echoed it; none when the proxy answered itself.
        assertThat(Observation.parse("200|litellm|172.20.1.1|stand-in").seenFrom()).contains("172.20.1.1");
        assertThat(Observation.parse("403|||").seenFrom()).isEmpty();
        assertThat(Observation.parse("308||").outcome()).isEqualTo(Outcome.ANSWERED);
    }
}
