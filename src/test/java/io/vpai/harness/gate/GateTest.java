package io.vpai.harness.gate;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.check.Finding;
import io.vpai.harness.check.Status;
import io.vpai.harness.model.PublishedPort;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.model.Waiver;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.vpai.harness.check.FindingsAssert.assertThatFindings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("gate")
@DisplayName("The gate over the seed model: one waived finding, every rule reporting what it checked")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.GATE_RULES)
class GateTest {
    private static final LocalDate BEFORE_EXPIRY = LocalDate.of(2026, 3, 1);
    private static final LocalDate AFTER_EXPIRY = LocalDate.of(2027, 7, 1);
    private final Stack vpai = VpaiStack.model();

    @Test
    void theSeedModelPassesWithExactlyOneWaivedFinding() {
        // Uses today's date on purpose: once the model's waiver expires this fails, as the real gate would.
        GateReport report = Gate.run(vpai);

        assertThat(report.passed()).as(report.summary()).isTrue();
        assertThat(report.findings(Status.WAIVED)).singleElement()
                .satisfies(f -> {
                    assertThat(f.checkId()).isEqualTo(VpnOnlyAllowListRule.ID);
                    assertThat(f.subject()).isEqualTo("172.20.1.0/24");
                });
        assertThat(report.count(Status.FAIL)).isZero();
    }

    @Test
    void everyStandardRuleReportsWhatItChecked() {
        GateReport report = Gate.run(vpai, BEFORE_EXPIRY);
        assertThat(report.rules()).extracting(RuleResult::id).containsExactly(
                "model.valid", "matrix.service-networks", "network.internal", "network.matches-baseline",
                "ports.published-only-by-proxy", "egress.only-declared", "acl.vpn-only-routes",
                "acl.vpn-only-allow-list", "dns.vpn-only-resolve-to-tailnet", "dns.matches-baseline",
                "images.pinned", "docker-socket.diun-only-readonly", "backup.covers-stateful",
                "startup.acyclic-and-seed-graph", "secrets.no-literal");
        assertThat(report.rules()).allSatisfy(r -> assertThat(r.count(Status.PASS)).as(r.id()).isPositive());
    }

    @Test
    void anExpiredWaiverFailsTheGateAndSaysWhen() {
        GateReport report = Gate.run(vpai, AFTER_EXPIRY);

        assertThat(report.passed()).isFalse();
        assertThatFindings(report.findings()).hasFailureContaining("172.20.1.0/24",
                "overlaps Docker network 'frontend'", "waiver expired on 2027-06-30").failsOnlyAbout("172.20.1.0/24");
        assertThat(report.count(Status.WAIVED)).isZero();
    }

    @Test
    void withoutItsWaiverTheBridgeSubnetFails() {
        GateReport report = Gate.run(vpai.withWaivers(List.of()), BEFORE_EXPIRY);
        assertThat(report.passed()).isFalse();
        assertThat(report.findings(Status.FAIL)).extracting(Finding::checkId).containsExactly(VpnOnlyAllowListRule.ID);
    }

    @Test
    void anUnmatchedWaiverIsAFailureOfItsOwn() {
        List<Waiver> waivers = new ArrayList<>(vpai.waivers());
        waivers.add(new Waiver("ports.published-by-proxy", "redis", "renamed check", Optional.empty()));
        GateReport report = Gate.run(vpai.withWaivers(waivers), BEFORE_EXPIRY);

        assertThat(report.passed()).isFalse();
        assertThatFindings(report.findings()).hasFailureContaining("ports.published-by-proxy [redis]", "matches no finding")
                .failsOnlyAbout("ports.published-by-proxy [redis]");
        assertThat(report.rules()).last().satisfies(r -> {
            assertThat(r.id()).isEqualTo("waiver.unmatched");
            assertThat(r.status()).isEqualTo(Status.FAIL);
        });
    }

    @Test
    void aWaiverWithTheRightCheckAndAnotherSubjectWaivesNothingAndIsUnmatched() {
        List<Waiver> waivers = new ArrayList<>();
        for (Waiver w : vpai.waivers()) {
            waivers.add(w.checkId().equals(VpnOnlyAllowListRule.ID)
                    ? new Waiver(w.checkId(), "172.20.9.0/24", w.justification(), w.expires()) : w);
        }
        GateReport report = Gate.run(vpai.withWaivers(waivers), BEFORE_EXPIRY);

        assertThat(report.passed()).isFalse();
        assertThat(report.count(Status.WAIVED)).isZero();
        assertThatFindings(report.findings())
                .hasFailureContaining("172.20.1.0/24", "admits only the tailnet 100.64.0.0/10")
                .hasFailure("acl.vpn-only-allow-list [172.20.9.0/24]", "waiver for 'acl.vpn-only-allow-list' about "
                        + "'172.20.9.0/24' matches no finding that ran (the check ran, about other subjects); "
                        + "fix its subject or remove it")
                .failsOnlyAbout("172.20.1.0/24", "acl.vpn-only-allow-list [172.20.9.0/24]");
    }

    @Test
    void theBridgeWaiverIsUnmatchedOnceTheEntryIsGone() {
        Stack fixed = vpai.withProxy(vpai.proxy().withAllowList(List.of(vpai.tailnet().prefix())));
        GateReport report = Gate.run(fixed, BEFORE_EXPIRY);
        assertThat(report.passed()).isFalse();
        assertThatFindings(report.findings()).hasFailureContaining("acl.vpn-only-allow-list [172.20.1.0/24]", "matches no finding")
                .failsOnlyAbout("acl.vpn-only-allow-list [172.20.1.0/24]");
    }

    @Test
    void aWaiverForACheckTheStackSpecsRunIsNotTheGatesToJudge() {
        // isolation.* checks run against a live stack; the gate sees no finding of theirs, by design.
        assertThat(vpai.waivers()).extracting(Waiver::checkId).contains("isolation.host-reachable-from-internal");
        GateReport report = Gate.run(vpai, BEFORE_EXPIRY);
        assertThat(report.findings()).extracting(Finding::checkId).doesNotContain("waiver.unmatched");
    }

    @Test
    void aBrokenModelFailsTheGateNamingTheElement() {
        Stack broken = vpai.withService("redis", s -> s.withPublished(List.of(PublishedPort.tcp(6379))));
        GateReport report = Gate.run(broken, BEFORE_EXPIRY);
        assertThat(report.passed()).isFalse();
        assertThat(report.summary()).contains("FAIL    ports.published-only-by-proxy [redis]",
                "service 'redis' publishes 6379/tcp in the model; only caddy may publish, and only 80/443 "
                        + "(the architecture baseline (section 1))");
    }

    @Test
    void aRuleThatThrowsBecomesAFailureAndTheOthersStillRun() {
        GateRule crashing = rule("custom.crashing", stack -> {
            throw new IllegalStateException("no such thing");
        });
        GateReport report = Gate.standard().with(crashing).evaluate(vpai, BEFORE_EXPIRY);
        assertThatFindings(report.findings()).hasFailure("rule", "could not evaluate: no such thing");
        assertThat(report.rules()).hasSize(Gate.standardRules().size() + 1);
    }

    @Test
    void aRuleThatChecksNothingIsSkippedNotPassed() {
        Stack withoutWaivers = vpai.withWaivers(List.of()); // its waiver would match nothing here
        GateReport report = new Gate(List.of(rule("custom.silent", stack -> List.of()))).evaluate(withoutWaivers, BEFORE_EXPIRY);
        assertThat(report.rules()).singleElement().extracting(RuleResult::status).isEqualTo(Status.SKIPPED);
        assertThat(report.passed()).isTrue();
    }

    @Test
    void ruleIdsAreUnique() {
        assertThatThrownBy(() -> Gate.standard().with(new ImagesPinnedRule()))
                .hasMessage("gate rule 'images.pinned' is registered twice");
    }

    @Test
    void theSummaryListsEveryRuleThenTheWaivedFindingThenTotals() {
        String summary = Gate.run(vpai, BEFORE_EXPIRY).summary();
        assertThat(summary).startsWith("VPAI pre-deploy gate, 2026-03-01: PASSED\n")
                .contains("PASS    network.internal ")
                .contains("WAIVED  acl.vpn-only-allow-list ")
                .contains("Failing and waived findings:\nWAIVED  acl.vpn-only-allow-list [172.20.1.0/24]\n")
                .contains("        waived until 2027-06-30: The seed's vpn_only admits 172.20.1.0/24")
                .contains("0 failed, 1 waived, 0 skipped. Gate PASSED.");
    }

    private static GateRule rule(String id, java.util.function.Function<Stack, List<Finding>> body) {
        return new GateRule() {
            public String id() {
                return id;
            }

            public String description() {
                return "test rule";
            }

            public List<Finding> evaluate(Stack stack) {
                return body.apply(stack);
            }
        };
    }
}
