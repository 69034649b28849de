package io.vpai.harness.inventory;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.environment.ContainerEnvironment;
import io.vpai.harness.environment.Environments;
import io.vpai.harness.environment.Fidelity;
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
        assertThat(RunningVersions.version("caddy", "v2.10.2 h1:g/gTYjGMD0dec+UgMw8SnfmJ3I9+M2TdvoRL/Ovu6U8=\n"))
                .isEqualTo("2.10.2");
        assertThat(RunningVersions.version("caddy", "2.6.2\n")).isEqualTo("2.6.2");
        assertThat(RunningVersions.version("n8n", "1.88.0\n")).isEqualTo("1.88.0");
        assertThat(RunningVersions.version("litellm", "1.74.3\n")).isEqualTo("1.74.3");
        assertThat(RunningVersions.version("openclaw", "2026.2.19\n🦞 OpenClaw\n")).as("OpenClaw").isEqualTo("2026.2.19");
        assertThatThrownBy(() -> RunningVersions.version("caddy", "Error: unknown command \"version\""))
                .hasMessage("caddy: not a version: 'Error: unknown command \"version\"'");
        assertThatThrownBy(() -> RunningVersions.version("n8n", "1.88.0-beta\n"))
                .hasMessage("n8n: not a version: '1.88.0-beta'");
    }

    @Test
    void victoriaMetricsTellsItsReleaseInItsBuildStamp() {
        assertThat(RunningVersions.version("victoriametrics",
                "victoria-metrics-20241111-151818-tags-v1.106.1-0-g6ec6f4f2d1\n")).as("an upstream build").isEqualTo("1.106.1");
        assertThat(RunningVersions.version("victoriametrics", "victoria-metrics-tags-v1.106.1\n"))
                .as(".ci/provision's build").isEqualTo("1.106.1");
        assertThatThrownBy(() -> RunningVersions.version("victoriametrics", "\n"))
                .as("a build nothing stamped").hasMessage("victoriametrics: not a version: ''");
        assertThatThrownBy(() -> RunningVersions.version("victoriametrics", "victoria-metrics-20241111-heads-master-0-gabc\n"))
                .hasMessageStartingWith("victoriametrics: not a version:");
    }

    @Test
    void onlyServicesWithAVersionCommandAreAsked() {
        assertThat(RunningVersions.COMMANDS).containsOnlyKeys("caddy", "litellm", "n8n", "openclaw", "victoriametrics");
        assertThatThrownBy(() -> RunningVersions.version("diun", "4.29.0"))
                .hasMessage("no version command for diun; known: [caddy, litellm, n8n, openclaw, victoriametrics]");
    }

    @Test
    void everyServiceAskedIsRealOffline() {
        var offline = (ContainerEnvironment) Environments.load(Path.of("").toAbsolutePath(), "offline", model);
        assertThat(RunningVersions.COMMANDS.keySet()).allSatisfy(service -> assertThat(offline.image(service).fidelity())
                .as("%s offline", service).isEqualTo(Fidelity.REAL));
        assertThat(offline.image("diun").fidelity()).as("not asked: a stand-in has no version of its own")
                .isEqualTo(Fidelity.STAND_IN);
    }

    @Test
    void thePinIsTheImageTagWithoutItsVariant() {
        assertThat(RunningVersions.pin(model, "caddy")).isEqualTo("2.10.2");
        assertThat(RunningVersions.pin(model, "n8n")).isEqualTo("1.88.0");
        assertThat(RunningVersions.pin(model, "victoriametrics")).as("tag v1.106.1").isEqualTo("1.106.1");
        assertThat(Image.of("postgres:15.14-bookworm").version()).isEqualTo("15.14");
        assertThat(Image.of("headscale/headscale:0.26.0").version()).isEqualTo("0.26.0");
        assertThat(Image.of("example/tool:vnext").version()).as("a v not before a digit stays").isEqualTo("vnext");
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

        String all = RunSummary.markdown(model, offline, List.of(), List.of(),
                Map.of("n8n", "1.88.0", "victoriametrics", "1.106.1"));
        String old = RunSummary.markdown(model, offline, List.of(), List.of(),
                Map.of("n8n", "1.97.1", "victoriametrics", "1.79.5"));
        assertThat(all).contains("| n8n | `offline:n8n` | real | 1.88.0 | 1.88.0 |",
                "| VictoriaMetrics | `offline:victoriametrics` | real | 1.106.1 | 1.106.1 |").doesNotContain("not the pin");
        assertThat(old).contains("| n8n | `offline:n8n` | real | 1.88.0 | **1.97.1** (not the pin) |",
                "| VictoriaMetrics | `offline:victoriametrics` | real | 1.106.1 | **1.79.5** (not the pin) |");
    }
}
