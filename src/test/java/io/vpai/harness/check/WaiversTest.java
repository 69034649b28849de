package io.vpai.harness.check;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.Waiver;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** InSpec's waiver conventions, each on the smallest input that shows it. */
@Tag("gate")
@DisplayName("Waivers follow InSpec's conventions")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.FINDINGS_AND_WAIVERS)
class WaiversTest {
    private static final LocalDate EXPIRY = LocalDate.of(2027, 6, 30);
    private static final Waiver BRIDGE = new Waiver("acl.vpn-only-allow-list", "172.20.1.0/24", "needed for HTTP/3", Optional.of(EXPIRY));
    private static final Finding BRIDGE_FAIL = Finding.fail("acl.vpn-only-allow-list", "172.20.1.0/24",
            "allow-list entry 172.20.1.0/24 overlaps Docker network 'frontend'");
    private static final Finding PORTS_PASS = Finding.pass("ports.published-only-by-proxy", "redis",
            "service 'redis' publishes no port");

    @Test
    void anActiveWaiverTurnsTheFailureIntoWaivedAndKeepsItsMessage() {
        List<Finding> result = Waivers.apply(List.of(BRIDGE), EXPIRY.minusDays(1), List.of(BRIDGE_FAIL, PORTS_PASS));

        assertThat(result).hasSize(2);
        Finding waived = result.get(0);
        assertThat(waived.status()).isEqualTo(Status.WAIVED);
        assertThat(waived.subject()).isEqualTo("172.20.1.0/24");
        assertThat(waived.message()).isEqualTo(BRIDGE_FAIL.message());
        assertThat(waived.waiver()).contains(BRIDGE);
        assertThat(waived.waiver().get().justification()).isEqualTo("needed for HTTP/3");
        assertThat(result.get(1)).isEqualTo(PORTS_PASS);
        assertThat(result).noneMatch(Finding::failed);
    }

    @Test
    void aWaiverWithoutExpiryNeverExpires() {
        Waiver forever = new Waiver("acl.vpn-only-allow-list", "172.20.1.0/24", "accepted", Optional.empty());
        List<Finding> result = Waivers.apply(List.of(forever), LocalDate.of(2099, 1, 1), List.of(BRIDGE_FAIL));
        assertThat(result).singleElement().extracting(Finding::status).isEqualTo(Status.WAIVED);
    }

    @Test
    void anExpiredWaiverLeavesTheFailureAndSaysWhenItExpired() {
        List<Finding> result = Waivers.apply(List.of(BRIDGE), EXPIRY.plusDays(1), List.of(BRIDGE_FAIL));

        Finding failure = result.get(0);
        assertThat(failure.status()).isEqualTo(Status.FAIL);
        assertThat(failure.message()).startsWith(BRIDGE_FAIL.message())
                .contains("waiver expired on 2027-06-30")
                .contains("needed for HTTP/3");
        assertThat(failure.waiver()).contains(BRIDGE);
    }

    @Test
    void aWaiverHasExpiredOnItsExpiryDate() {
        // Waiver.activeOn: active strictly before the date, as InSpec treats expiration_date.
        List<Finding> result = Waivers.apply(List.of(BRIDGE), EXPIRY, List.of(BRIDGE_FAIL));
        assertThat(result.get(0).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void anActiveWaiverWinsOverAnExpiredOneForTheSameCheck() {
        Waiver old = new Waiver("acl.vpn-only-allow-list", "172.20.1.0/24", "old", Optional.of(LocalDate.of(2025, 1, 1)));
        List<Finding> result = Waivers.apply(List.of(old, BRIDGE), LocalDate.of(2026, 1, 1), List.of(BRIDGE_FAIL));
        assertThat(result.get(0).status()).isEqualTo(Status.WAIVED);
        assertThat(result.get(0).waiver()).contains(BRIDGE);
    }

    @Test
    void aWaiverThatMatchesNoFindingIsItselfAFailure() {
        Waiver typo = new Waiver("acl.bridge-subnet-admited", "172.20.1.0/24", "typo in the id", Optional.empty());
        List<Finding> result = Waivers.apply(List.of(typo), LocalDate.of(2026, 1, 1), List.of(BRIDGE_FAIL));

        assertThat(result).hasSize(2);
        assertThat(result.get(0)).isEqualTo(BRIDGE_FAIL);
        Finding unmatched = result.get(1);
        assertThat(unmatched.checkId()).isEqualTo("waiver.unmatched");
        assertThat(unmatched.status()).isEqualTo(Status.FAIL);
        assertThat(unmatched.subject()).isEqualTo("acl.bridge-subnet-admited [172.20.1.0/24]");
        assertThat(unmatched.message()).contains("matches no finding that ran; remove it or fix its check id");
        assertThat(unmatched.waiver()).contains(typo);
    }

    @Test
    void aWaiverForACheckThatPassesIsMatchedAndChangesNothing() {
        Waiver stale = new Waiver("ports.published-only-by-proxy", "redis", "no longer needed", Optional.empty());
        List<Finding> result = Waivers.apply(List.of(stale), LocalDate.of(2026, 1, 1), List.of(PORTS_PASS));
        assertThat(result).containsExactly(PORTS_PASS);
    }

    @Test
    void aWildcardWaiverCoversEveryCheckUnderItsPrefix() {
        Waiver all = new Waiver("acl.*", "172.20.1.0/24", "whole family", Optional.empty());
        List<Finding> result = Waivers.apply(List.of(all), LocalDate.of(2026, 1, 1), List.of(BRIDGE_FAIL));
        assertThat(result).singleElement().extracting(Finding::status).isEqualTo(Status.WAIVED);
    }

    @Test
    void skippedFindingsAreNeverWaivedButDoCountAsMatched() {
        Finding skipped = Finding.skipped("restore.matches-backup", "postgresql", "no S3 server in this environment");
        Waiver waiver = new Waiver("restore.matches-backup", "postgresql", "flaky", Optional.empty());
        assertThat(Waivers.apply(List.of(waiver), LocalDate.of(2026, 1, 1), List.of(skipped))).containsExactly(skipped);
    }

    @Test
    void specsReportingOneFindingAtATimeGetTheSameVerdicts() {
        assertThat(Waivers.decide(List.of(BRIDGE), EXPIRY.minusDays(1), BRIDGE_FAIL).status()).isEqualTo(Status.WAIVED);
        assertThat(Waivers.decide(List.of(BRIDGE), EXPIRY.plusDays(1), BRIDGE_FAIL).message())
                .contains("waiver expired on 2027-06-30");
        assertThat(Waivers.unmatched(List.of(BRIDGE), List.of(BRIDGE_FAIL))).isEmpty();
        assertThat(Waivers.unmatched(List.of(BRIDGE), List.of(PORTS_PASS)))
                .singleElement().extracting(Finding::checkId).isEqualTo("waiver.unmatched");
    }

    private static final Finding EVERYONE_FAIL = Finding.fail("acl.vpn-only-allow-list", "0.0.0.0/0",
            "allow-list entry 0.0.0.0/0 admits everyone");

    @Test
    void aWaiverWithTheRightCheckButAnotherSubjectDoesNotWaive() {
        Finding decided = Waivers.decide(List.of(BRIDGE), EXPIRY.minusDays(1), EVERYONE_FAIL);
        assertThat(decided.status()).isEqualTo(Status.FAIL);
        assertThat(decided.waiver()).isEmpty();
        assertThat(decided.message()).isEqualTo("allow-list entry 0.0.0.0/0 admits everyone");
    }

    @Test
    void aWaiverWhoseSubjectNoFindingCarriesIsUnmatchedEvenThoughItsCheckRan() {
        Waiver wrongSubject = new Waiver("acl.vpn-only-allow-list", "172.20.9.0/24", "stale", Optional.empty());
        List<Finding> result = Waivers.apply(List.of(wrongSubject), EXPIRY.minusDays(1), List.of(BRIDGE_FAIL));
        assertThat(result.get(0).status()).isEqualTo(Status.FAIL);
        Finding unmatched = result.get(1);
        assertThat(unmatched.checkId()).isEqualTo("waiver.unmatched");
        assertThat(unmatched.subject()).isEqualTo("acl.vpn-only-allow-list [172.20.9.0/24]");
        assertThat(unmatched.message()).isEqualTo("waiver for 'acl.vpn-only-allow-list' about '172.20.9.0/24' matches "
                + "no finding that ran (the check ran, about other subjects); fix its subject or remove it");
    }

    @Test
    void aWaiverMustNameItsSubject() {
        assertThatThrownBy(() -> new Waiver("acl.vpn-only-allow-list", "*", "everything", Optional.empty()))
                .hasMessageContaining("is a pattern; a waiver names the one element it accepts");
        assertThatThrownBy(() -> new Waiver("acl.vpn-only-allow-list", "172.20.*", "a family", Optional.empty()))
                .hasMessageContaining("is a pattern");
        assertThatThrownBy(() -> new Waiver("acl.vpn-only-allow-list", " ", "blank", Optional.empty()))
                .hasMessageContaining("subject of waiver 'acl.vpn-only-allow-list' must not be blank");
    }
}
