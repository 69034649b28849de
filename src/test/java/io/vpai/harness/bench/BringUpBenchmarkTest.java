package io.vpai.harness.bench;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.stack.RunLabels;
import io.vpai.harness.stack.StackLauncher.RunFiles;
import io.vpai.harness.startup.StartupFigures;
import io.vpai.harness.startup.StartupTimeline;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("gate")
@DisplayName("Bring-up benchmark: the median, the interval override, the raw command")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.BENCHMARKS)
class BringUpBenchmarkTest {
    @Test
    void theMedianIsTheMiddleSample() {
        StartupFigures figures = StartupFigures.of(VpaiStack.model(), StartupTimeline.from(List.of()));
        List<BringUpBenchmark.Sample> samples = List.of(
                new BringUpBenchmark.Sample("raw", Duration.ofSeconds(9), Duration.ZERO, figures),
                new BringUpBenchmark.Sample("raw", Duration.ofSeconds(7), Duration.ZERO, figures),
                new BringUpBenchmark.Sample("raw", Duration.ofSeconds(30), Duration.ZERO, figures));
        assertThat(BringUpBenchmark.median(samples, BringUpBenchmark.Sample::toHealthy)).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void theIntervalOverrideReadsMillisecondsAndSeconds() {
        try {
            System.setProperty("vpai.bench.healthInterval", "500ms");
            assertThat(BringUpBenchmark.intervalOverride()).contains(Duration.ofMillis(500));
            System.setProperty("vpai.bench.healthInterval", "2s");
            assertThat(BringUpBenchmark.intervalOverride()).contains(Duration.ofSeconds(2));
            System.setProperty("vpai.bench.healthInterval", "fast");
            assertThatThrownBy(BringUpBenchmark::intervalOverride).hasMessageContaining("'fast' is not like 500ms");
        } finally {
            System.clearProperty("vpai.bench.healthInterval");
        }
        assertThat(BringUpBenchmark.intervalOverride()).isEmpty();
    }

    @Test
    void theRawCommandIsWhatAUserTypesOnTheSameFiles() {
        Path root = Path.of("/work/project");
        Path run = root.resolve("target/vpai-run/0301120000");
        RunFiles files = new RunFiles(new RunLabels("0301120000"), run, root.resolve("compose/sese-ai"),
                List.of(root.resolve("compose/sese-ai/docker-compose.yml"), run.resolve("docker-compose.override.yml")),
                "", "vpai/probe:x");
        assertThat(new RawBringUp(root, files, java.util.Map.of(), "docker-compose").composeCommand())
                .isEqualTo("docker-compose -p vpaih0301120000 -f 'compose/sese-ai/docker-compose.yml'"
                        + " -f 'target/vpai-run/0301120000/docker-compose.override.yml'");
    }
}
