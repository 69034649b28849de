package io.vpai.harness.check;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("gate")
@DisplayName("Findings name their check and subject; the worst status wins")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.FINDINGS_AND_WAIVERS)
class FindingTest {

    @Test
    void checkIdsAreDottedLowercase() {
        assertThat(Finding.pass("acl.vpn-only-allow-list", "x", "ok").checkId()).isEqualTo("acl.vpn-only-allow-list");
        assertThatThrownBy(() -> Finding.pass("Acl.Bridge", "x", "ok")).hasMessageContaining("dotted lowercase");
        assertThatThrownBy(() -> Finding.pass("acl", "x", "ok")).hasMessageContaining("dotted lowercase");
    }

    @Test
    void aFindingNamesItsSubjectAndSaysSomething() {
        assertThatThrownBy(() -> Finding.fail("a.b", " ", "m")).hasMessageContaining("subject");
        assertThatThrownBy(() -> Finding.fail("a.b", "redis", "")).hasMessageContaining("'redis'");
    }

    @Test
    void theWorstStatusWins() {
        assertThat(Status.worst(List.of(Status.PASS, Status.WAIVED, Status.SKIPPED))).isEqualTo(Status.WAIVED);
        assertThat(Status.worst(List.of(Status.PASS, Status.FAIL, Status.WAIVED))).isEqualTo(Status.FAIL);
        assertThat(Status.worst(List.of())).isEqualTo(Status.SKIPPED);
    }
}
