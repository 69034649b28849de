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

    @Test
    @DisplayName("a thread that named its phases has them prefixed, once; another thread's keep their names")
    void aLaneNamesOnlyItsOwnThreadsPhases() throws InterruptedException {
        String[] other = new String[1];
        PhaseClock.nameThisThreadsPhases(PhaseClock.BESIDE_LANE);
        try {
            assertThat(PhaseClock.named("images: checked, all up to date")).isEqualTo("beside: images: checked, all up to date");
            assertThat(PhaseClock.named("beside: LauncherTest")).isEqualTo("beside: LauncherTest");
            Thread thread = new Thread(() -> other[0] = PhaseClock.named("spec: IsolationSpec"));
            thread.start();
            thread.join();
        } finally {
            PhaseClock.nameThisThreadsPhases("");
        }
        assertThat(other[0]).isEqualTo("spec: IsolationSpec");
        assertThat(PhaseClock.named("images: checked, all up to date")).isEqualTo("images: checked, all up to date");
    }
}
