package io.vpai.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A factory's stage, run for real under allure-junit-platform: its steps land in Allure's results as the set-up of the
 * factory's dynamic tests, with their status; a broken step breaks the stage and still fails the factory.
 */
@Tag("gate")
@DisplayName("A factory's stage shows in Allure as the set-up of its tests, one step per action")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.REPORTS)
class FactoryStageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @DisplayName("the stage's steps, passed, are the set-up of both dynamic tests of the factory")
    void aStageIsTheSetUpOfItsTests(@TempDir Path results) throws IOException {
        TestExecutionSummary summary = AllureLaunch.run(results, ReportSamples.StageSample.class.getName());

        assertThat(summary.getTestsSucceededCount()).as("dynamic tests that ran").isEqualTo(2);
        JsonNode stage = onlyStage(results);
        assertThat(stage.path("status").asText()).isEqualTo("passed");
        assertThat(stage.path("steps")).extracting(s -> s.path("name").asText() + ": " + s.path("status").asText())
                .containsExactly(ReportSamples.FIRST_STEP + ": passed", ReportSamples.SECOND_STEP + ": passed");
        JsonNode container = containerOf(results, stage);
        List<String> tests = new ArrayList<>();
        for (JsonNode child : container.path("children")) {
            tests.add(JSON.readTree(results.resolve(child.asText() + "-result.json").toFile()).path("name").asText());
        }
        assertThat(tests).containsExactlyInAnyOrder("the sample table holds 3 rows", "the sample dump has checksum 9f86d081");
    }

    @Test
    @DisplayName("a stage in @BeforeAll is the set-up of every test of the class")
    void aClassWideStage(@TempDir Path results) throws IOException {
        TestExecutionSummary summary = AllureLaunch.run(results, ReportSamples.BeforeAllStageSample.class.getName());

        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        JsonNode stage = onlyStage(results);
        assertThat(stage.path("steps")).extracting(s -> s.path("name").asText() + ": " + s.path("status").asText())
                .containsExactly(ReportSamples.FIRST_STEP + ": passed");
        List<String> tests = new ArrayList<>();
        for (JsonNode child : containerOf(results, stage).path("children")) {
            tests.add(JSON.readTree(results.resolve(child.asText() + "-result.json").toFile()).path("name").asText());
        }
        assertThat(tests).containsExactly("the deployed table holds its rows");
    }

    @Test
    @DisplayName("the twin: a step that throws breaks the stage, names the error, and the factory fails")
    void aBrokenStepBreaksTheStage(@TempDir Path results) throws IOException {
        TestExecutionSummary summary = AllureLaunch.run(results, ReportSamples.BrokenStageSample.class.getName());

        assertThat(summary.getContainersFailedCount()).as("the factory fails with the step's exception").isEqualTo(1);
        assertThat(summary.getTestsStartedCount()).as("no dynamic test was made").isZero();
        JsonNode stage = onlyStage(results);
        assertThat(stage.path("status").asText()).isEqualTo("broken");
        assertThat(stage.path("statusDetails").path("message").asText()).isEqualTo("sample-script.sh: not found");
        assertThat(stage.path("steps")).extracting(s -> s.path("name").asText() + ": " + s.path("status").asText())
                .containsExactly(ReportSamples.FIRST_STEP + ": passed", ReportSamples.BROKEN_STEP + ": broken");
    }

    /** The one set-up fixture named after the sample's stage, across every container Allure wrote. */
    private static JsonNode onlyStage(Path results) throws IOException {
        List<JsonNode> stages = new ArrayList<>();
        for (JsonNode container : containers(results)) {
            for (JsonNode before : container.path("befores")) {
                if (before.path("name").asText().equals(ReportSamples.STAGE)) {
                    stages.add(before);
                }
            }
        }
        assertThat(stages).as("set-up fixtures named '%s' in %s", ReportSamples.STAGE, results).hasSize(1);
        return stages.get(0);
    }

    private static JsonNode containerOf(Path results, JsonNode stage) throws IOException {
        for (JsonNode container : containers(results)) {
            for (JsonNode before : container.path("befores")) {
                if (before.equals(stage)) {
                    return container;
                }
            }
        }
        throw new AssertionError("no container holds the stage");
    }

    private static List<JsonNode> containers(Path results) throws IOException {
        List<JsonNode> containers = new ArrayList<>();
        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("-container.json")).toList()) {
                containers.add(JSON.readTree(file.toFile()));
            }
        }
        return containers;
    }
}
