package io.vpai.harness.report;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.PhaseClock.Phase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Names its file instead of setting {@value PhaseClock#PROPERTY}: the lane beside it records phases meanwhile. */
@Tag("gate")
@DisplayName("The phase log")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.BENCHMARKS)
class PhaseClockTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("is written only when asked for, read back as written, and a torn line is refused")
    void roundTripsAndRefusesATornLine() throws Exception {
        Path log = dir.resolve("phases.tsv");
        PhaseClock.appendTo(null, "teardown", 1, 2);
        PhaseClock.appendTo(" ", "teardown", 1, 2);
        assertThat(dir).isEmptyDirectory();

        PhaseClock.appendTo(log.toString(), "spec: A", 1, 3);
        PhaseClock.appendTo(log.toString(), "tear\tdown", 5, 9);
        assertThat(PhaseClock.read(log)).containsExactly(new Phase("spec: A", 1, 3), new Phase("tear down", 5, 9));
        assertThat(PhaseClock.read(log).get(1).millis()).isEqualTo(4);

        Files.writeString(log, "teardown\t5\n", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> PhaseClock.read(log)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(log + ":3: not 'phase<TAB>start<TAB>end': teardown\t5");
    }
}
