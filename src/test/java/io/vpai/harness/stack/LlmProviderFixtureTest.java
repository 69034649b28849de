package io.vpai.harness.stack;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.environment.ContainerEnvironment;
import io.vpai.harness.environment.Environments;
import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.environment.ImageSource;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("A real LiteLLM gets the LLM provider fixture on the internet, reached through its egress")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.OFFLINE_IMAGES)
class LlmProviderFixtureTest {
    private static final Path PROJECT = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private static final String PROVIDER = "fixture-llm-provider";
    private final Stack model = VpaiStack.model();
    private final ContainerEnvironment offline = (ContainerEnvironment) Environments.load(PROJECT, "offline", model);

    private Map<String, Object> services(ContainerEnvironment env) {
        return RenderedOverride.services(model, env);
    }

    @Test
    @DisplayName("offline: the provider sits on the internet, published on its gateway, and takes both providers' keys")
    void theProviderIsOnTheInternetPublishedOnTheGateway() {
        Map<String, Object> provider = map(services(offline).get(PROVIDER));

        assertThat(provider.get("image")).isEqualTo("vpai/llm-provider:test");
        String gateway = offline.fixtures().internet().gateway();
        assertThat(provider.get("ports")).isEqualTo(List.of(gateway + ":" + LlmProviderFixture.GATEWAY_PORT + ":8080"));
        assertThat(map(map(provider.get("networks")).get("internet")))
                .containsEntry("ipv4_address", offline.fixtures().internet().subnet().host(50));
        assertThat(map(provider.get("environment")))
                .containsEntry("FIXTURE_API_KEY", "${ANTHROPIC_API_KEY},${OPENROUTER_API_KEY}");
    }

    @Test
    @DisplayName("offline: LiteLLM's providers point at the gateway, and the database variable is removed")
    void theOfflineLiteLlmUsesTheFixtureAndNoDatabase() {
        Map<String, Object> litellm = map(services(offline).get("litellm"));
        String base = "http://" + offline.fixtures().internet().gateway() + ":" + LlmProviderFixture.GATEWAY_PORT;

        assertThat(map(litellm.get("environment"))).containsEntry("ANTHROPIC_API_BASE", base)
                .containsEntry("OPENROUTER_API_BASE", base + "/api/v1").doesNotContainKey("DATABASE_URL");
        assertThat(litellm.get("entrypoint")).isEqualTo(List.of("env", "-u", "DATABASE_URL", "tini", "--", "litellm"));
        assertThat(litellm).as("the shipped command and config mount stay").doesNotContainKeys("command", "volumes");
    }

    @Test
    @DisplayName("a stand-in LiteLLM gets no provider and no LiteLLM settings")
    void aStandInGetsNeither() {
        Map<String, Object> services = services(offline.withImage("litellm",
                new ImageSource.Build("standin", Fidelity.STAND_IN)));

        assertThat(services).doesNotContainKey(PROVIDER);
        assertThat(map(map(services.get("litellm")).get("environment"))).containsOnlyKeys("STANDIN_SERVICE", "STANDIN_PORTS");
        assertThat(map(services.get("litellm"))).doesNotContainKey("entrypoint");
    }

    @Test
    @DisplayName("the upstream image keeps its entrypoint and its database; only the providers move to the fixture")
    void theUpstreamImageKeepsItsDatabase() {
        Map<String, Object> services = services(offline.withImage("litellm",
                new ImageSource.Pull("ghcr.io/berriai/litellm:v1.74.3-stable", Fidelity.REAL)));

        assertThat(services).containsKey(PROVIDER);
        assertThat(map(services.get("litellm"))).doesNotContainKey("entrypoint");
        assertThat(map(map(services.get("litellm")).get("environment"))).containsKey("ANTHROPIC_API_BASE");
    }

    @Test
    @DisplayName("offline: the real OpenClaw calls the offline LiteLLM with its master key, the only key it knows without a database")
    void theOfflineOpenClawCallsWithTheMasterKey() {
        assertThat(map(map(services(offline).get("openclaw")).get("environment")))
                .containsExactly(Map.entry("OPENCLAW_API_KEY", "${LITELLM_MASTER_KEY}"));
    }

    @Test
    @DisplayName("OpenClaw keeps its own key in front of the upstream LiteLLM (it has its database), and a stand-in gets none")
    void openClawKeepsItsKeyWhereLiteLlmHasItsDatabase() {
        Map<String, Object> upstream = services(offline.withImage("litellm",
                new ImageSource.Pull("ghcr.io/berriai/litellm:v1.74.3-stable", Fidelity.REAL)));
        assertThat(map(upstream.get("openclaw"))).doesNotContainKey("environment");

        Map<String, Object> standIn = services(offline.withImage("openclaw",
                new ImageSource.Build("standin", Fidelity.STAND_IN)));
        assertThat(map(map(standIn.get("openclaw")).get("environment"))).containsOnlyKeys("STANDIN_SERVICE", "STANDIN_PORTS");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
