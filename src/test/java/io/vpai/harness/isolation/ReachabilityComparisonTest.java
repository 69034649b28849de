package io.vpai.harness.isolation;

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
class ReachabilityComparisonTest {
    private final Stack vpai = VpaiStack.model();
    private final List<Expectation> expectations = Observations.all(vpai);

    @Test
    void whatDockerDoesIsGreenWithTheHostOnInternalBridgesWaived() {
        List<Verdict> verdicts = compare(Observations.docker(expectations), Observations.BEFORE_EXPIRY);
        assertThat(ReachabilityComparison.violations(verdicts)).isEmpty();
        assertThat(verdicts).filteredOn(Verdict::waived).hasSize(12).allSatisfy(v -> {
            assertThat(v.finding().checkId()).isEqualTo("isolation.host-reachable-from-internal");
            assertThat(v.sentence()).endsWith("— reachable, waived until 2027-06-30");
        });
        assertThat(verdicts).filteredOn(v -> v.finding().status() == Status.PASS)
                .hasSize(expectations.size() - 12);
    }

    @Test
    void oneUnexpectedConnectionIsOneViolationNamingSourceDestinationAndAddress() {
        List<ProbeResult> results = Observations.answer(expectations, Observations.path("qdrant", "172.20.3.11", 3000));
        List<Verdict> violations = ReachabilityComparison.violations(compare(results, Observations.BEFORE_EXPIRY));

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.finding().subject()).isEqualTo("qdrant → grafana 172.20.3.11:3000");
            assertThat(v.finding().message()).isEqualTo("Expecting qdrant → grafana 172.20.3.11:3000 to be unreachable "
                    + "but it connected (environment offline). Model: no shared network.");
        });
    }

    @Test
    void aSilentPositiveIsAViolationToo() {
        List<ProbeResult> results = Observations.answer(expectations, Observations.path("n8n", "172.20.2.20", 5432));
        assertThat(ReachabilityComparison.violations(compare(results, Observations.BEFORE_EXPIRY)))
                .singleElement().extracting(v -> v.finding().message()).asString()
                .startsWith("Expecting n8n → postgresql 172.20.2.20:5432 to be reachable but nothing answered");
    }

    @Test
    void aRefusedConnectionCountsAsReached() {
        List<ProbeResult> results = new ArrayList<>();
        for (ProbeResult r : Observations.docker(expectations)) {
            results.add(r.answer().equals("open") ? new ProbeResult(r.probe(), "refused") : r);
        }
        assertThat(ReachabilityComparison.violations(compare(results, Observations.BEFORE_EXPIRY))).isEmpty();
    }

    @Test
    void anExpiredHostWaiverFailsAndSaysWhen() {
        List<Verdict> verdicts = compare(Observations.docker(expectations), LocalDate.of(2027, 7, 1));
        assertThat(ReachabilityComparison.violations(verdicts))
                .filteredOn(v -> v.finding().checkId().equals("isolation.host-reachable-from-internal"))
                .hasSize(12)
                .allSatisfy(v -> assertThat(v.finding().message()).contains("waiver expired on 2027-06-30"));
    }

    @Test
    void aMissingProbeResultIsAnErrorNotAPass() {
        List<ProbeResult> results = new ArrayList<>(Observations.docker(expectations));
        results.remove(0);
        assertThatThrownBy(() -> compare(results, Observations.BEFORE_EXPIRY))
                .hasMessage("no probe result for " + expectations.get(0).path() + " (environment offline)");
    }

    private List<Verdict> compare(List<ProbeResult> results, LocalDate day) {
        return ReachabilityComparison.compare(expectations, results, vpai.waivers(), day, "offline");
    }
}
