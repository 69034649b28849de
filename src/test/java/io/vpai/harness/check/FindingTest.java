package io.vpai.harness.check;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("gate")
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
