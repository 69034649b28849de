package io.vpai.harness.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.model.LlmRoute;
import io.vpai.harness.model.ModelException;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Value;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.vpai.harness.render.Rendered.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("gate")
@DisplayName("OpenClaw's config makes LiteLLM its provider and puts the gateway behind a token on Caddy's upstream port")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.RENDERING)
class OpenClawConfigRendererTest {
    private final Stack model = VpaiStack.model();

    /** The file is JSON after its // header (JSON5 allows comments; OpenClaw reads JSON5). */
    private static Map<String, Object> config(Stack stack) {
        String json = Rendered.text(stack, OpenClawConfigRenderer.CONFIG_PATH).lines()
                .filter(line -> !line.startsWith("//")).collect(Collectors.joining("\n"));
        try {
            return map(new ObjectMapper().readValue(json, Map.class));
        } catch (java.io.IOException e) {
            throw new AssertionError("the rendered OpenClaw config is not JSON after its header", e);
        }
    }

    @Test
    @DisplayName("LiteLLM is the only provider, at the service's LITELLM_BASE_URL with OpenClaw's key, offering every route")
    void liteLlmIsTheProvider() {
        Map<String, Object> models = map(config(model).get("models"));
        assertThat(models).containsEntry("mode", "replace");
        Map<String, Object> providers = map(models.get("providers"));
        assertThat(providers).containsOnlyKeys(OpenClawConfigRenderer.PROVIDER);
        Map<String, Object> litellm = map(providers.get(OpenClawConfigRenderer.PROVIDER));
        assertThat(litellm).containsEntry("baseUrl", "${LITELLM_BASE_URL}/v1").containsEntry("apiKey", "${OPENCLAW_API_KEY}")
                .containsEntry("api", "openai-completions");
        assertThat(Rendered.list(litellm.get("models"))).extracting(m -> map(m).get("id"))
                .containsExactlyElementsOf(VpaiStack.llmRoutes().stream().map(LlmRoute::alias).toList());
        assertThat(map(map(map(config(model).get("agents")).get("defaults")).get("model")))
                .containsEntry("primary", "litellm/" + VpaiStack.llmRoutes().get(0).alias());

        Service openclaw = model.requireService("openclaw");
        int litellmPort = model.requireService("litellm").ports().get(0);
        assertThat(openclaw.environment().get("LITELLM_BASE_URL")).isEqualTo(Value.literal("http://litellm:" + litellmPort));
    }

    @Test
    @DisplayName("the gateway listens on every address at the port Caddy proxies to, and wants the token from the environment")
    void theGatewayIsBehindATokenOnCaddysUpstreamPort() {
        Map<String, Object> gateway = map(config(model).get("gateway"));
        int caddyUpstream = model.proxy().routes().stream().filter(r -> r.service().equals(java.util.Optional.of("openclaw")))
                .findFirst().orElseThrow().port();
        assertThat(gateway).containsEntry("port", caddyUpstream).containsEntry("bind", "lan").containsEntry("mode", "local");
        assertThat(map(gateway.get("auth"))).containsEntry("mode", "token").containsEntry("token", "${OPENCLAW_GATEWAY_TOKEN}");
        assertThat(map(map(map(gateway.get("http")).get("endpoints")).get("chatCompletions"))).containsEntry("enabled", true);
    }

    @Test
    @DisplayName("nothing runs unasked: no update check, no mDNS, no agent heartbeat")
    void nothingPhonesHome() {
        Map<String, Object> config = config(model);
        assertThat(map(config.get("update"))).containsEntry("checkOnStart", false);
        assertThat(map(map(config.get("discovery")).get("mdns"))).containsEntry("mode", "off");
        assertThat(map(map(map(config.get("agents")).get("defaults")).get("heartbeat"))).containsEntry("every", "0m");
    }

    @Test
    @DisplayName("the compose file mounts the rendered config where OpenClaw reads it, read-only")
    void composeMountsTheConfig() {
        assertThat(model.requireService("openclaw").volumes()).anySatisfy(v -> {
            assertThat(v.source()).isEqualTo("./" + OpenClawConfigRenderer.CONFIG_PATH.substring("sese-ai/".length()));
            assertThat(v.target()).isEqualTo("/home/node/.openclaw/openclaw.json");
        });
    }

    @Test
    @DisplayName("a gateway token or LiteLLM key missing, literal or not secret is refused naming the variable, never echoing it")
    void secretsMustBeSecretReferences() {
        Stack without = model.withService("openclaw", s -> withEnv(s, "OPENCLAW_GATEWAY_TOKEN", null));
        assertThatThrownBy(() -> new OpenClawConfigRenderer().render(without)).isInstanceOf(ModelException.class)
                .hasMessageContaining("OPENCLAW_GATEWAY_TOKEN").hasMessageContaining("does not declare it");

        Stack literal = model.withService("openclaw", s -> withEnv(s, "OPENCLAW_API_KEY", Value.literal("sk-openclaw-1")));
        assertThatThrownBy(() -> new OpenClawConfigRenderer().render(literal)).isInstanceOf(ModelException.class)
                .hasMessageContaining("OPENCLAW_API_KEY").hasMessageContaining("a literal")
                .hasMessageNotContaining("sk-openclaw-1");

        Stack setting = model.withService("openclaw", s -> withEnv(s, "OPENCLAW_API_KEY", Value.setting("OPENCLAW_API_KEY")));
        assertThatThrownBy(() -> new OpenClawConfigRenderer().render(setting)).isInstanceOf(ModelException.class)
                .hasMessageContaining("non-secret");
    }

    @Test
    @DisplayName("without LiteLLM's address, or without a route, there is no config")
    void noLiteLlmAddressOrNoRouteIsRefused() {
        Stack noBase = model.withService("openclaw", s -> withEnv(s, "LITELLM_BASE_URL", null));
        assertThatThrownBy(() -> new OpenClawConfigRenderer().render(noBase)).isInstanceOf(ModelException.class)
                .hasMessageContaining("LITELLM_BASE_URL");

        assertThatThrownBy(() -> new OpenClawConfigRenderer(List.of()).render(model)).isInstanceOf(ModelException.class)
                .hasMessageContaining("no LLM route");
    }

    private static Service withEnv(Service service, String name, Value value) {
        Map<String, Value> env = new LinkedHashMap<>(service.environment());
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return new Service(service.name(), service.displayName(), service.image(), service.networks(), service.ports(),
                service.published(), service.healthCheck(), service.dependsOn(), service.volumes(), env,
                new ArrayList<>(service.command()), service.data(), service.needsEgress());
    }
}
