package io.vpai.harness.inventory;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.environment.Environments;
import io.vpai.harness.model.Image;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.report.RunSummary;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a service's binary says of its version, against the model's pin, as the run's summary shows it. */
@Tag("gate")
@DisplayName("Running versions are read from the binary and shown beside the model's pin")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.REPORTS)
class RunningVersionsTest {
    private final Stack model = VpaiStack.model();

    @Test
    void theVersionIsTheFirstWordWithoutItsV() {
        assertThat(RunningVersions.version("v2.10.2 h1:g/gTYjGMD0dec+UgMw8SnfmJ3I9+M2TdvoRL/Ovu6U8=\n")).isEqualTo("2.10.2");
        assertThat(RunningVersions.version("2.6.2\n")).isEqualTo("2.6.2");
        assertThat(RunningVersions.version("2026.2.19\n")).as("OpenClaw").isEqualTo("2026.2.19");
        assertThatThrownBy(() -> RunningVersions.version("Error: unknown command \"version\""))
                .hasMessage("not a version: 'Error: unknown command \"version\"'");
    }

    @Test
    void thePinIsTheImageTagWithoutItsVariant() {
        assertThat(RunningVersions.pin(model, "caddy")).isEqualTo("2.10.2");
        assertThat(Image.of("postgres:15.14-bookworm").version()).isEqualTo("15.14");
        assertThat(Image.of("headscale/headscale:0.26.0").version()).isEqualTo("0.26.0");
    }

    @Test
    void onlyThisRunsObservationsAreRead(@TempDir Path dir) throws Exception {
        // A second back: the file system's clock is coarser than Instant.now(); a run starts long before its specs write.
        Instant started = Instant.now().minusSeconds(1);
        Path file = Files.writeString(dir.resolve("versions.tsv"), RunningVersions.tsv(List.of(
                new RunningVersions.Observation("caddy", "2.10.2", "2.10.2"))));

        assertThat(RunningVersions.readSince(file, started)).containsExactly(Map.entry("caddy", "2.10.2"));
        Files.setLastModifiedTime(file, FileTime.from(started.minus(Duration.ofHours(1))));
        assertThat(RunningVersions.readSince(file, started)).as("a file an earlier run left").isEmpty();
        assertThat(RunningVersions.readSince(dir.resolve("none.tsv"), started)).isEmpty();
    }

    @Test
    void theSummaryShowsThePinAndWhatRanAndMarksAMismatch() {
        var offline = Environments.load(Path.of("").toAbsolutePath(), "offline", model);

        String atPin = RunSummary.markdown(model, offline, List.of(), List.of(), Map.of("caddy", "2.10.2"));
        String behind = RunSummary.markdown(model, offline, List.of(), List.of(), Map.of("caddy", "2.6.2"));

        assertThat(atPin).contains("| Service | Image | Fidelity | Pin | Running |")
                .contains("| Caddy | `offline:caddy` | real | 2.10.2 | 2.10.2 |").doesNotContain("not the pin");
        assertThat(behind).contains("| Caddy | `offline:caddy` | real | 2.10.2 | **2.6.2** (not the pin) |");
        assertThat(RunSummary.markdown(model, offline, List.of(), List.of()))
                .as("nothing observed").contains("| Caddy | `offline:caddy` | real | 2.10.2 |  |");
    }
}
