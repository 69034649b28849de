package io.vpai.harness.bench;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.report.PhaseClock.Phase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

@Tag("gate")
@DisplayName("bench nightly splits a run's wall time into its phases, each counted once")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.BENCHMARKS)
class PhaseBreakdownTest {
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
    @DisplayName("the second lane's classes make one line beside the others, and the rest is still what the ordered lane left")
    void theSecondLaneIsOneLineBesideTheOthers() {
        List<Phase> ordered = List.of(
                new Phase("bring-up: compose up", 1_000, 9_000),
                new Phase("spec: IsolationSpec", 500, 20_000),
                new Phase("unit: ShipEndToEndSpec", 20_000, 60_000),
                new Phase("teardown", 60_000, 62_000));
        List<Phase> withBeside = new java.util.ArrayList<>(ordered);
        withBeside.add(new Phase("beside: OfflineImagesTest", 0, 15_000));
        withBeside.add(new Phase("beside: images: checked, all up to date", 1_000, 3_000));
        withBeside.add(new Phase("beside: LauncherTest", 15_000, 25_000));

        Map<String, Double> seconds = PhaseBreakdown.of(withBeside, 70_000);
        assertThat(seconds).containsExactly(
                entry("spec: IsolationSpec", 11.5),
                entry("bring-up: compose up", 8.0),
                entry("unit: ShipEndToEndSpec", 40.0),
                entry("teardown", 2.0),
                entry(PhaseBreakdown.BESIDE_ROW, 25.0),
                entry(PhaseBreakdown.REST, 8.5));
        assertThat(PhaseBreakdown.of(ordered, 70_000)).as("without the second lane").doesNotContainKey(PhaseBreakdown.BESIDE_ROW)
                .containsEntry(PhaseBreakdown.REST, 8.5);
    }
}
