package io.vpai.harness.stack;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Without Ryuk the harness cleans up after itself: everything it creates carries these labels, and
 * the compose project name starts with {@link #PROJECT_PREFIX}, so a later run can find leftovers.
 */
public record RunLabels(String runId) {
    public static final String HARNESS = "io.vpai.harness";
    public static final String RUN = "io.vpai.harness.run";
    public static final String PROJECT_PREFIX = "vpaih";
    static final String COMPOSE_PROJECT = "com.docker.compose.project";

    public static RunLabels fresh() {
        return new RunLabels(LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMddHHmmss")));
    }

    /** Compose v1 strips characters outside [a-z0-9]; keep the name within that alphabet. */
    public String project() {
        return PROJECT_PREFIX + runId;
    }

    public Map<String, String> labels() {
        return Map.of(HARNESS, "true", RUN, runId);
    }
}
