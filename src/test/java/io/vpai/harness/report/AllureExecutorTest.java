package io.vpai.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Allure's executor.json from the CI's variables: which run, with a link back, ordered for the trend. */
@Tag("gate")
@DisplayName("Allure's executor names the CI run from its variables, and is absent without them")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.REPORTS)
class AllureExecutorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode executor(Map<String, String> env) throws IOException {
        return JSON.readTree(AllureExecutor.json(env).orElseThrow());
    }

    @Test
    @DisplayName("GitHub Actions' own variables name the workflow run and link to it")
    void githubActions() throws IOException {
        JsonNode e = executor(Map.of("GITHUB_RUN_ID", "9876543210", "GITHUB_RUN_NUMBER", "57", "GITHUB_WORKFLOW", "nightly",
                "GITHUB_SERVER_URL", "https://github.com", "GITHUB_REPOSITORY", "vpai/harness"));

        assertThat(e.path("type").asText()).isEqualTo("github");
        assertThat(e.path("buildName").asText()).isEqualTo("nightly #57");
        assertThat(e.path("buildUrl").asText()).isEqualTo("https://github.com/vpai/harness/actions/runs/9876543210");
        assertThat(e.path("url").asText()).isEqualTo("https://github.com/vpai/harness/actions");
        assertThat(e.path("buildOrder").asLong()).isEqualTo(57);
    }

    @Test
    @DisplayName("VPAI_CI_RUN_NAME and VPAI_CI_RUN_URL name the run on any CI, and win over GitHub's")
    void anyCi() throws IOException {
        JsonNode e = executor(Map.of("VPAI_CI_RUN_NAME", "nightly 2026-01-31", "VPAI_CI_RUN_URL", "https://ci.invalid/r/8",
                "VPAI_CI_RUN_NUMBER", "8", "VPAI_CI_REPORT_URL", "https://ci.invalid/r/8/allure"));
        JsonNode both = executor(Map.of("VPAI_CI_RUN_NAME", "rerun", "GITHUB_RUN_ID", "1", "GITHUB_RUN_NUMBER", "2",
                "GITHUB_SERVER_URL", "https://github.com", "GITHUB_REPOSITORY", "vpai/harness"));

        assertThat(e.path("type").asText()).isEqualTo("ci");
        assertThat(e.path("buildName").asText()).isEqualTo("nightly 2026-01-31");
        assertThat(e.path("buildUrl").asText()).isEqualTo("https://ci.invalid/r/8");
        assertThat(e.path("buildOrder").asLong()).isEqualTo(8);
        assertThat(e.path("reportUrl").asText()).isEqualTo("https://ci.invalid/r/8/allure");
        assertThat(both.path("buildName").asText()).isEqualTo("rerun");
        assertThat(both.path("buildUrl").asText()).isEqualTo("https://github.com/vpai/harness/actions/runs/1");
    }

    @Test
    @DisplayName("the twin: no variable naming a run, no executor; a run number that is not a number is no order")
    void nothingWithoutARun() throws IOException {
        assertThat(AllureExecutor.json(Map.of("CI", "true", "GITHUB_RUN_ID", "1", "HOME", "/root"))).isEmpty();
        assertThat(AllureExecutor.json(Map.of())).isEmpty();
        assertThat(executor(Map.of("VPAI_CI_RUN_URL", "https://ci.invalid/r/9", "VPAI_CI_RUN_NUMBER", "nine")).has("buildOrder"))
                .isFalse();
    }
}
