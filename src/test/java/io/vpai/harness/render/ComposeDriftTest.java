package io.vpai.harness.render;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What is committed under compose/ is exactly what the model renders: nobody edits a shipped file by hand. */
@Tag("gate")
@DisplayName("compose/ is exactly what the model renders")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.RENDERED_FILES)
class ComposeDriftTest {

    @Test
    void committedComposeDirectoryEqualsAFreshRender() throws Exception {
        List<DriftCheck.Difference> differences =
                DriftCheck.compare(Path.of(RenderCommand.OUTPUT_DIRECTORY), RenderAll.render(VpaiStack.model()));

        assertThat(differences)
                .withFailMessage(() -> "compose/ has drifted from the model:\n"
                        + differences.stream().map(d -> "  compose/" + d).collect(Collectors.joining("\n"))
                        + "\nrun: " + Generated.RENDER_COMMAND + " (and commit the result)")
                .isEmpty();
    }
}
