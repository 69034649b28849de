package io.vpai.harness.stack;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.environment.ContainerEnvironment;
import io.vpai.harness.environment.Environments;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One setting governs how often Docker runs health commands in a run: every health check of the override, the
 * model's services and the fixtures alike (the mesh's included), takes the environment's interval. Each health
 * command is a process started through dockerd, containerd and runc, so on a 2-core machine a short interval
 * left somewhere is CPU every other test pays for.
 */
@Tag("gate")
@DisplayName("Every health check of a run's override takes the environment's interval")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.CONTAINER_STACK)
class OverrideHealthIntervalTest {
    private static final Path PROJECT = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private final Stack model = VpaiStack.model();
    private final ContainerEnvironment offline = (ContainerEnvironment) Environments.load(PROJECT, "offline", model);

    @Test
    void everyHealthCheckTakesTheEnvironmentsInterval() {
        Map<String, Object> seven = intervals(offline.withHealthInterval(Duration.ofSeconds(7)));
        assertThat(seven).as("health checks of the override").containsKeys("postgresql", "n8n", "fixture-s3",
                "fixture-headscale", "fixture-vps-node", "fixture-vpn-client", "fixture-workstation-node");
        assertThat(seven).as("health-check intervals per service, environment at 7s").allSatisfy(
                (service, interval) -> assertThat(interval).as(service).isEqualTo("7000ms"));
        // The twin: the same services follow another interval, so none is fixed.
        assertThat(intervals(offline.withHealthInterval(Duration.ofMillis(1500)))).allSatisfy(
                (service, interval) -> assertThat(interval).as(service).isEqualTo("1500ms"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> intervals(ContainerEnvironment env) {
        Map<String, Object> out = new TreeMap<>();
        RenderedOverride.services(model, env).forEach((name, body) -> {
            Object check = ((Map<String, Object>) body).get("healthcheck");
            if (check != null) {
                out.put(name, ((Map<String, Object>) check).get("interval"));
            }
        });
        return out;
    }
}
