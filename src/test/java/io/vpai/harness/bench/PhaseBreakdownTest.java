package io.vpai.harness.bench;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.report.PhaseClock;
import io.vpai.harness.report.PhaseClock.Phase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

@Tag("gate")
@DisplayName("bench nightly splits a run's wall time into its phases, each counted once")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.BENCHMARKS)
class PhaseBreakdownTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("the bring-up nested in the first spec family is charged to the bring-up, and the rest is Maven's")
    void nestedPhasesCountForThemselvesOnly() {
        List<Phase> phases = List.of(
                new Phase("images: checked, all up to date", 1_000, 3_000),
                new Phase("bring-up: images and run files", 1_000, 4_000),
                new Phase("bring-up: compose up", 4_000, 10_000),
                new Phase("spec: IsolationSpec", 500, 20_000),
                new Phase("unit: RenderTest", 20_000, 21_000),
                new Phase("unit: GateTest", 21_000, 21_500),
                new Phase("teardown", 22_000, 25_000));
        Map<String, Double> seconds = PhaseBreakdown.of(phases, 30_000);

        assertThat(seconds).containsExactly(
                entry("spec: IsolationSpec", 10.5),
                entry("bring-up: images and run files", 1.0),
                entry("images: checked, all up to date", 2.0),
                entry("bring-up: compose up", 6.0),
                entry("the harness's own unit tests", 1.5),
                entry("teardown", 3.0),
                entry(PhaseBreakdown.REST, 6.0));
        assertThat(seconds.values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(30.0);
        assertThat(PhaseBreakdown.table(seconds, 30.0)).contains("| spec: IsolationSpec | 10.5 | 35 % |");
    }

    @Test
    @DisplayName("the phase log is written only when asked for, read back as written, and a torn line is refused")
    void thePhaseLogRoundTripsAndRefusesATornLine() throws Exception {
        Path log = dir.resolve("phases.tsv");
        String before = System.getProperty(PhaseClock.PROPERTY);
        try {
            System.clearProperty(PhaseClock.PROPERTY);
            PhaseClock.record("teardown", 1, 2);
            assertThat(log).doesNotExist();
            System.setProperty(PhaseClock.PROPERTY, log.toString());
            assertThat(PhaseClock.time("spec: A", () -> "done")).isEqualTo("done");
            PhaseClock.record("teardown", 5, 9);
        } finally {
            if (before == null) {
                System.clearProperty(PhaseClock.PROPERTY);
            } else {
                System.setProperty(PhaseClock.PROPERTY, before);
            }
        }
        assertThat(PhaseClock.read(log)).extracting(Phase::name).containsExactly("spec: A", "teardown");
        assertThat(PhaseClock.read(log).get(1).millis()).isEqualTo(4);

        Files.writeString(log, "teardown\t5\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> PhaseClock.read(log)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(log + ":3: not 'phase<TAB>start<TAB>end': teardown\t5");
    }
}
