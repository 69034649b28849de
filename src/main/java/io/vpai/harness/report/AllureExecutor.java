package io.vpai.harness.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Optional;

/**
 * Allure's {@code executor.json}: which CI run produced the results, with a link back to it. Allure shows it in the
 * report's Executors widget and orders the history trend by its {@code buildOrder}. Read from the environment:
 * {@code VPAI_CI_RUN_NAME} / {@code VPAI_CI_RUN_URL} (and optionally {@code VPAI_CI_RUN_NUMBER},
 * {@code VPAI_CI_REPORT_URL}) for any CI, else GitHub Actions' own variables. No variable naming a run: no file.
 */
public final class AllureExecutor {
    public static final String FILE = "executor.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AllureExecutor() {
    }

    public static Optional<String> json(Map<String, String> env) {
        String runId = env.get("GITHUB_RUN_ID");
        boolean github = present(runId) && present(env.get("GITHUB_SERVER_URL")) && present(env.get("GITHUB_REPOSITORY"));
        String name = env.get("VPAI_CI_RUN_NAME");
        String url = env.get("VPAI_CI_RUN_URL");
        if (!present(name) && !present(url) && !github) {
            return Optional.empty();
        }
        ObjectNode executor = JSON.createObjectNode();
        String number = first(env.get("VPAI_CI_RUN_NUMBER"), env.get("GITHUB_RUN_NUMBER"));
        if (github) {
            String repository = env.get("GITHUB_SERVER_URL") + "/" + env.get("GITHUB_REPOSITORY");
            executor.put("name", "GitHub Actions").put("type", "github").put("url", repository + "/actions");
            name = first(name, first(env.get("GITHUB_WORKFLOW"), "run") + (present(number) ? " #" + number : " " + runId));
            url = first(url, repository + "/actions/runs/" + runId);
        } else {
            executor.put("name", "CI").put("type", "ci");
            name = first(name, url);
        }
        executor.put("buildName", name);
        if (present(url)) {
            executor.put("buildUrl", url);
        }
        if (present(number) && number.matches("\\d{1,18}")) {
            executor.put("buildOrder", Long.parseLong(number));
        }
        if (present(env.get("VPAI_CI_REPORT_URL"))) {
            executor.put("reportUrl", env.get("VPAI_CI_REPORT_URL"));
        }
        executor.put("reportName", "VPAI conformance");
        try {
            return Optional.of(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(executor) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + FILE, e);
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String first(String value, String fallback) {
        return present(value) ? value : fallback;
    }
}
