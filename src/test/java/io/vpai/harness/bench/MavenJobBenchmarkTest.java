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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("gate")
@DisplayName("bench nightly and bench ci: no figure for a run that brought no stack up, and the machine's CPU time")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.BENCHMARKS)
class MavenJobBenchmarkTest {
    @Test
    @DisplayName("a run whose phase log has the compose-up phase brought a stack up; one with only Maven's phases did not")
    void aRunWithoutBringUpIsNoNightly() {
        Phase unit = new Phase("the harness's own unit tests", 0, 500);
        assertThat(MavenJobBenchmark.broughtUpAStack(List.of(unit, new Phase(StackLauncher.COMPOSE_UP_PHASE, 500, 30_000))))
                .isTrue();
        assertThat(MavenJobBenchmark.broughtUpAStack(List.of(unit))).as("specs skipped for want of Docker").isFalse();
        assertThat(MavenJobBenchmark.broughtUpAStack(List.of())).as("no phase log at all").isFalse();
    }

    @Test
    @DisplayName("the CPU line splits the run's core-seconds by /proc/stat's ticks and names the least time the work needs")
    void cpuTimeFromProcStat() {
        MachineCpu before = MachineCpu.parse("cpu  1000 0 500 8000 100 0 0 0 0 0");
        // 600 ticks busy (450 user, 50 nice, 60 system, 20 irq, 20 softirq), 300 idle (250 + 50 iowait), 100 stolen.
        MachineCpu after = MachineCpu.parse("cpu  1450 50 560 8250 150 20 20 100 0 0");
        assertThat(after.since(before)).isEqualTo(new MachineCpu(600, 300, 100));
        assertThat(after.since(before).describe(100, 2)).isEqualTo("CPU: 120 of 200 core-seconds busy (60 %), 60 idle, "
                + "20 stolen; the same work on 2 cores kept busy: at least 60 s");
        assertThat(MachineCpu.parse("cpu 10 0 5 100")).as("an old kernel's shorter line").isEqualTo(new MachineCpu(15, 100, 0));
        assertThatThrownBy(() -> MachineCpu.parse("cpu0 1 2 3 4")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not the machine's 'cpu' line");
    }
}
