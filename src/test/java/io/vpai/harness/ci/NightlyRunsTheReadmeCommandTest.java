package io.vpai.harness.ci;

import io.vpai.harness.report.Behaviors;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The README's main command — the first line of its first code block — is what the nightly workflow runs, verbatim
 * as one step, so the two cannot drift apart.
 */
@Tag("gate")
@DisplayName("The nightly workflow runs exactly the README's main command")
@Epic(Behaviors.HARNESS)
@Feature("CI workflows")
class NightlyRunsTheReadmeCommandTest {
    private static final Path README = WorkflowsTest.ROOT.resolve("README.md");
    private static final Path NIGHTLY = WorkflowsTest.WORKFLOWS.resolve("nightly.yml");

    @Test
    void aNightlyStepRunsTheFirstLineOfTheReadmesFirstCodeBlock() throws IOException {
        String command = mainCommand(Files.readString(README));
        assertThat(command).isEqualTo(".ci/provision && mvn -B verify -Pnightly");

        assertThat(stepCommands(Files.readString(NIGHTLY))).contains(command);
    }

    @Test
    void aStepThatChangedTheCommandDoesNotCount() throws IOException {
        String command = mainCommand(Files.readString(README));
        String nightly = Files.readString(NIGHTLY);
        assertThat(nightly).contains("run: " + command + "\n");

        for (String drifted : List.of(command + " -DskipTests", command.replace("-Pnightly", "-Pnightly,report"),
                "mvn -B verify -Pnightly", command + " || true")) {
            String edited = nightly.replace("run: " + command + "\n", "run: " + drifted + "\n");
            assertThat(stepCommands(edited)).as(drifted).doesNotContain(command).contains(drifted);
        }
    }

    @Test
    void aReadmeWithoutACodeBlockHasNoMainCommand() {
        assertThatThrownBy(() -> mainCommand("# VPAI\n\nno code here\n"))
                .hasMessage("README.md has no code block: its first one holds the main command");
    }

    /** The first line of the first fenced code block. */
    static String mainCommand(String readme) {
        List<String> lines = readme.lines().toList();
        int fence = lines.indexOf("```");
        if (fence < 0 || fence + 1 >= lines.size()) {
            throw new IllegalStateException("README.md has no code block: its first one holds the main command");
        }
        return lines.get(fence + 1).strip();
    }

    /** Every step's {@code run:} of every job, each script stripped of surrounding blank space. */
    @SuppressWarnings("unchecked")
    static List<String> stepCommands(String workflow) {
        Map<String, Object> document = new Yaml().load(workflow);
        Map<String, Object> jobs = (Map<String, Object>) document.get("jobs");
        List<String> commands = new ArrayList<>();
        for (Object job : jobs.values()) {
            for (Object step : (List<Object>) ((Map<String, Object>) job).getOrDefault("steps", List.of())) {
                Object run = ((Map<String, Object>) step).get("run");
                if (run != null) {
                    commands.add(run.toString().strip());
                }
            }
        }
        return commands;
    }
}
