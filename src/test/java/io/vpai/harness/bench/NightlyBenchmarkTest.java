package io.vpai.harness.bench;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.report.PhaseClock.Phase;
import io.vpai.harness.stack.StackLauncher;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("bench nightly gives no figure for a run that brought no stack up")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.BENCHMARKS)
class NightlyBenchmarkTest {
    @Test
    @DisplayName("a run whose phase log has the compose-up phase brought a stack up; one with only Maven's phases did not")
    void aRunWithoutBringUpIsNoNightly() {
        Phase unit = new Phase("the harness's own unit tests", 0, 500);
        assertThat(NightlyBenchmark.broughtUpAStack(List.of(unit, new Phase(StackLauncher.COMPOSE_UP_PHASE, 500, 30_000))))
                .isTrue();
        assertThat(NightlyBenchmark.broughtUpAStack(List.of(unit))).as("specs skipped for want of Docker").isFalse();
        assertThat(NightlyBenchmark.broughtUpAStack(List.of())).as("no phase log at all").isFalse();
    }
}
