package io.vpai.harness.ci;

import io.vpai.harness.report.Behaviors;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.render.ExternalTool;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workflows a user enables in GitHub, checked by actionlint (syntax, expressions, action inputs, and the
 * {@code run:} scripts through shellcheck when it is installed). Missing actionlint: skipped with the reason here,
 * a failure under CI=true, where {@code .ci/provision} builds it.
 */
@Tag("gate")
@DisplayName("The CI workflows pass actionlint, which catches a broken one")
@Epic(Behaviors.HARNESS)
@Feature("CI workflows")
class WorkflowsTest {
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path WORKFLOWS = ROOT.resolve(".github/workflows");

    @Test
    void everyWorkflowPassesActionlintWithoutAFinding() throws IOException, InterruptedException {
        List<Path> files = workflows(WORKFLOWS);
        assertThat(files).extracting(file -> file.getFileName().toString())
                .contains("nightly.yml", "pull-request.yml");

        ExternalTool.Result result = actionlint(ROOT, files);

        assertThat(result.both()).as("actionlint's findings").isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void actionlintReportsAMisspelledTriggerInACopyOfTheNightlyWorkflow(@TempDir Path project) throws IOException, InterruptedException {
        String nightly = Files.readString(WORKFLOWS.resolve("nightly.yml"));
        assertThat(nightly).contains("  workflow_dispatch:");
        Path broken = project.resolve(".github/workflows/nightly.yml");
        Files.createDirectories(broken.getParent());
        Files.writeString(broken, nightly.replace("  workflow_dispatch:", "  workflow_dispach:"));

        ExternalTool.Result result = actionlint(project, List.of(broken));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).contains("nightly.yml:").contains("unknown Webhook event \"workflow_dispach\"");
    }

    private static ExternalTool.Result actionlint(Path directory, List<Path> files) throws IOException, InterruptedException {
        Path actionlint = ExternalTool.require("actionlint", ".ci/provision builds it: go install github.com/rhysd/actionlint/cmd/actionlint");
        List<String> command = new ArrayList<>(List.of(actionlint.toString(), "-no-color"));
        files.forEach(file -> command.add(file.toString()));
        return ExternalTool.run(command, directory, Map.of());
    }

    static List<Path> workflows(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        }
    }
}
