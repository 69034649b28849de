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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bring-up's waits follow the model's dependency chains, on a machine busy starting everything at once: the
 * override weights each service's CPU by how many services wait for it, and leaves the fixtures at Docker's default.
 */
@Tag("gate")
@DisplayName("A run's override gives a service CPU in proportion to the services waiting for it")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.CONTAINER_STACK)
class OverrideCpuSharesTest {
    private static final Path PROJECT = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private final Stack model = VpaiStack.model();
    private final ContainerEnvironment offline = (ContainerEnvironment) Environments.load(PROJECT, "offline", model);

    @Test
    @DisplayName("PostgreSQL, which four services wait for, gets five times Caddy's weight, which nobody waits for")
    void weightFollowsTheWaiters() {
        Map<String, Object> services = RenderedOverride.services(model, offline);
        assertThat(model.dependentsOf("postgresql")).containsExactly("caddy", "n8n", "litellm", "openclaw");
        assertThat(shares(services, "postgresql")).isEqualTo(5 * 1024);
        assertThat(shares(services, "litellm")).isEqualTo((1 + model.dependentsOf("litellm").size()) * 1024)
                .isGreaterThan(shares(services, "caddy"));
        assertThat(shares(services, "caddy")).isEqualTo(1024);
        // Every model service is weighted by the same rule, none left at a fixed value.
        model.services().forEach(service -> assertThat(shares(services, service.name())).as(service.name())
                .isEqualTo((1 + model.dependentsOf(service.name()).size()) * 1024));
    }

    @Test
    @DisplayName("the fixtures keep Docker's default weight: nothing of the stack waits for them")
    void fixturesKeepTheDefault() {
        Map<String, Object> services = RenderedOverride.services(model, offline);
        assertThat(services).containsKeys("fixture-headscale", "fixture-s3", "fixture-vpn-client");
        services.forEach((name, body) -> {
            if (name.startsWith("fixture-")) {
                assertThat(((Map<?, ?>) body).get("cpu_shares")).as(name).isNull();
            }
        });
    }

    private static int shares(Map<String, Object> services, String service) {
        return (Integer) ((Map<?, ?>) services.get(service)).get("cpu_shares");
    }
}
