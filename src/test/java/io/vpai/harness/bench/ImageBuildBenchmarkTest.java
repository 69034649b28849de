package io.vpai.harness.bench;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("gate")
@DisplayName("bench images refuses an image it does not know before building anything")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.BENCHMARKS)
class ImageBuildBenchmarkTest {
    @Test
    void anUnknownImageIsOneLineNamingTheProperty() {
        System.setProperty("vpai.bench.images", "redis, nope");
        try {
            // No Docker is touched: the names are checked first, so this holds on a machine without an engine.
            assertThatThrownBy(() -> Benchmarks.run(Path.of("."), "images"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("bench images: -Dvpai.bench.images names 'nope', which is no offline image "
                            + "(known: base, runtime-common, ")
                    .hasMessageNotContaining("\n");
        } finally {
            System.clearProperty("vpai.bench.images");
        }
    }
}
