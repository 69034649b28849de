package io.vpai.harness.isolation;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.check.Status;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.probe.ProbeResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("gate")
@DisplayName("Observed reachability compared with the expectation")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.ISOLATION_MATRIX)
class ReachabilityComparisonTest {
    private final Stack vpai = VpaiStack.model();
    private final List<Expectation> expectations = Observations.all(vpai);
    private final Arrivals docker = Observations.arrivals(vpai, expectations);

    @Test
    void whatDockerDoesIsGreenWithTheHostOnInternalBridgesWaived() {
        List<Verdict> verdicts = compare(Observations.docker(expectations), docker, Observations.BEFORE_EXPIRY);
        assertThat(ReachabilityComparison.violations(verdicts)).isEmpty();
        assertThat(verdicts).filteredOn(Verdict::waived).hasSize(12).allSatisfy(v -> {
            assertThat(v.finding().checkId()).isEqualTo("isolation.host-reachable-from-internal");
            assertThat(v.sentence()).endsWith("— reachable, waived until 2027-06-30");
        });
        assertThat(verdicts).filteredOn(v -> v.finding().status() == Status.PASS)
                .hasSize(expectations.size() - 12);
    }

    @Test
    void anInternalOnlyServiceReachingTheHostOwnedSentinelIsNotEgress() {
        Verdict postgresql = egress(compare(Observations.docker(expectations), docker, Observations.BEFORE_EXPIRY),
                "postgresql");
        assertThat(postgresql.answer()).isEqualTo("open only via internal backend from 172.20.2.20");
        assertThat(postgresql.reached()).isFalse();
        assertThat(postgresql.finding().status()).isEqualTo(Status.PASS);
    }

    @Test
    void oneUnexpectedConnectionIsOneViolationNamingSourceDestinationAndAddress() {
        List<ProbeResult> results = Observations.answer(expectations, Observations.path("qdrant", "172.20.3.11", 3000));
        List<Verdict> violations = ReachabilityComparison.violations(compare(results, docker, Observations.BEFORE_EXPIRY));

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.finding().subject()).isEqualTo("qdrant → grafana 172.20.3.11:3000");
            assertThat(v.finding().message()).isEqualTo("Expecting qdrant → grafana 172.20.3.11:3000 to be unreachable "
                    + "but it connected (environment offline). Model: no shared network.");
        });
    }

    @Test
    void aBackendServiceArrivingThroughTheEgressBridgeIsAViolation() {
        int port = Observations.sentinelPorts(vpai).get("redis");
        Arrivals redisOnEgress = (address, p) -> p == port ? List.of("172.20.4.2") : docker.peers(address, p);
        List<Verdict> violations = ReachabilityComparison.violations(
                compare(Observations.docker(expectations), redisOnEgress, Observations.BEFORE_EXPIRY));
        assertThat(violations).singleElement().extracting(v -> v.finding().message()).isEqualTo(
                "Expecting redis → internet sentinel 198.51.100.1:" + port + " to be unreachable but it connected "
                        + "from 172.20.4.2 (environment offline). Model: internal only.");
    }

    @Test
    void anEgressServiceThatArrivesOnlyThroughAnInternalBridgeIsAViolation() {
        int port = Observations.sentinelPorts(vpai).get("n8n");
        Arrivals n8nViaBackend = (address, p) -> p == port ? List.of("172.20.2.30") : docker.peers(address, p);
        assertThat(ReachabilityComparison.violations(
                compare(Observations.docker(expectations), n8nViaBackend, Observations.BEFORE_EXPIRY)))
                .singleElement().extracting(v -> v.finding().message()).asString()
                .startsWith("Expecting n8n → internet sentinel 198.51.100.1:" + port + " to be reachable but it arrived "
                        + "only through internal network backend from 172.20.2.30, which Docker does not forward outside");
    }

    @Test
    void aSilentPositiveIsAViolationToo() {
        List<ProbeResult> results = Observations.answer(expectations, Observations.path("n8n", "172.20.2.20", 5432));
        assertThat(ReachabilityComparison.violations(compare(results, docker, Observations.BEFORE_EXPIRY)))
                .singleElement().extracting(v -> v.finding().message()).asString()
                .startsWith("Expecting n8n → postgresql 172.20.2.20:5432 to be reachable but nothing answered");
    }

    @Test
    void aRefusedConnectionCountsAsReached() {
        List<ProbeResult> results = new ArrayList<>();
        for (ProbeResult r : Observations.docker(expectations)) {
            results.add(r.answer().equals("open") ? ProbeResult.read(r.probe(), "refused") : r);
        }
        List<Verdict> verdicts = compare(results, Arrivals.NONE, Observations.BEFORE_EXPIRY);
        // Without arrivals the sentinel cannot tell internal-only sources apart: those six are the only misses.
        assertThat(ReachabilityComparison.violations(verdicts)).extracting(v -> v.expectation().source())
                .containsExactly("postgresql", "redis", "qdrant", "victoriametrics", "loki", "alloy");
        assertThat(ReachabilityComparison.violations(verdicts))
                .allSatisfy(v -> assertThat(v.expectation().kind()).isEqualTo(Expectation.Kind.EGRESS));
    }

    @Test
    void anExpiredHostWaiverFailsAndSaysWhen() {
        List<Verdict> verdicts = compare(Observations.docker(expectations), docker, LocalDate.of(2027, 7, 1));
        assertThat(ReachabilityComparison.violations(verdicts)).hasSize(12)
                .allSatisfy(v -> {
                    assertThat(v.finding().checkId()).isEqualTo("isolation.host-reachable-from-internal");
                    assertThat(v.finding().message()).contains("waiver expired on 2027-06-30");
                });
    }

    @Test
    void aMissingProbeResultIsAnErrorNotAPass() {
        List<ProbeResult> results = new ArrayList<>(Observations.docker(expectations));
        results.remove(0);
        assertThatThrownBy(() -> compare(results, docker, Observations.BEFORE_EXPIRY))
                .hasMessage("no probe result for " + expectations.get(0).path() + " (environment offline)");
    }

    @Test
    void aProbeThatCouldNotRunIsAnErrorNeverUnreachable() {
        List<ProbeResult> results = new ArrayList<>(Observations.docker(expectations));
        Expectation negative = expectations.stream().filter(e -> !e.reachable()).findFirst().orElseThrow();
        results.replaceAll(r -> r.probe().equals(negative.probe())
                ? ProbeResult.read(r.probe(), "error nc is not installed in the probe image") : r);
        Verdict verdict = compare(results, docker, Observations.BEFORE_EXPIRY).stream()
                .filter(v -> v.expectation().equals(negative)).findFirst().orElseThrow();
        assertThat(verdict.finding().status()).isEqualTo(Status.ERROR);
        assertThat(verdict.violation()).isTrue();
        assertThat(verdict.finding().message()).isEqualTo("the probe for " + negative.path()
                + " could not run: error nc is not installed in the probe image (environment offline)");
        // Its twin: the same path with a real observation is judged, and passes.
        Verdict observed = compare(Observations.docker(expectations), docker, Observations.BEFORE_EXPIRY).stream()
                .filter(v -> v.expectation().equals(negative)).findFirst().orElseThrow();
        assertThat(observed.finding().status()).isIn(Status.PASS, Status.WAIVED);
    }

    private List<Verdict> compare(List<ProbeResult> results, Arrivals arrivals, LocalDate day) {
        return ReachabilityComparison.compare(vpai, expectations, results, arrivals, day, "offline");
    }

    private static Verdict egress(List<Verdict> verdicts, String source) {
        return verdicts.stream().filter(v -> v.expectation().kind() == Expectation.Kind.EGRESS
                && v.expectation().source().equals(source)).findFirst().orElseThrow();
    }
}
