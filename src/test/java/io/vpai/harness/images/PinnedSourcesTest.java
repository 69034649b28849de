package io.vpai.harness.images;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What .ci/provision fetches for the offline images names the model's pins: a pin changed in the model without its
 * source here would build the old release. (The images' own tests ask the built binaries.)
 */
@Tag("gate")
@DisplayName("The offline images' sources name the model's pins")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.OFFLINE_IMAGES)
class PinnedSourcesTest {
    private final Stack model = VpaiStack.model();

    @Test
    void victoriaMetricsIsBuiltAtThePinnedTag() throws Exception {
        String version = Files.readString(Path.of("src/main/go/victoriametrics/VERSION")).strip();

        assertThat(version).isEqualTo(model.requireService("victoriametrics").image().tag());
    }

    @Test
    void n8nsLockfileHoldsThePinnedRelease() throws Exception {
        String pin = Pattern.quote(model.requireService("n8n").image().tag());
        String manifest = Files.readString(Path.of("src/main/docker/n8n/package.json"));
        String lock = Files.readString(Path.of("src/main/docker/n8n/package-lock.json"));

        assertThat(manifest).containsPattern("\"n8n\": \"" + pin + "\"");
        // The root's dependency and the installed package: a lock npm ci accepts names both.
        assertThat(lock).containsPattern("\"dependencies\": \\{\\s*\"n8n\": \"" + pin + "\"")
                .containsPattern("\"node_modules/n8n\": \\{\\s*\"version\": \"" + pin + "\"");
    }
}
