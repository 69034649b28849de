package io.vpai.harness.render;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.model.LlmRoute;
import io.vpai.harness.model.ModelException;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Value;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.model.Workstation;
import io.vpai.harness.model.Workstation.LlmKey;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.vpai.harness.render.Rendered.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("gate")
@DisplayName("LiteLLM's config routes the models, caches in Redis, requires the master key and caps key budgets")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.RENDERING)
class LiteLlmConfigRendererTest {
    private static final Pattern ENV_REFERENCE = Pattern.compile("os\\.environ/([A-Z][A-Z0-9_]*)");
    private final Stack model = VpaiStack.model();

    private static Map<String, Object> config(Stack stack) {
        return Rendered.yaml(Rendered.text(stack, LiteLlmConfigRenderer.CONFIG_PATH));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @Test
    @DisplayName("each route of the model is a model of LiteLLM, with its provider's key from the environment")
    void everyRouteIsOfferedWithItsProvidersKey() {
        List<Map<String, Object>> models = list(config(model).get("model_list"));

        assertThat(models).extracting(m -> m.get("model_name"))
                .containsExactlyElementsOf(VpaiStack.llmRoutes().stream().map(LlmRoute::alias).toList());
        for (LlmRoute route : VpaiStack.llmRoutes()) {
            Map<String, Object> params = map(models.stream().filter(m -> m.get("model_name").equals(route.alias()))
                    .findFirst().orElseThrow().get("litellm_params"));
            assertThat(params).containsEntry("model", route.provider().prefix() + "/" + route.upstreamModel())
                    .containsEntry("api_key", "os.environ/" + route.provider().keyVariable());
        }
        assertThat(models).extracting(m -> map(m.get("litellm_params")).get("model").toString().split("/")[0])
                .as("the providers the architecture names").containsOnly("anthropic", "openrouter");
    }

    @Test
    @DisplayName("the master key is required and read from the environment; the file holds no secret value")
    void masterKeyIsAnEnvironmentReference() {
        Map<String, Object> general = map(config(model).get("general_settings"));
        assertThat(general).containsEntry("master_key", "os.environ/LITELLM_MASTER_KEY");

        String text = Rendered.text(LiteLlmConfigRenderer.CONFIG_PATH);
        Matcher references = ENV_REFERENCE.matcher(text);
        Service litellm = model.requireService("litellm");
        int count = 0;
        while (references.find()) {
            count++;
            assertThat(litellm.environment()).as("the litellm service declares " + references.group(1))
                    .containsKey(references.group(1));
        }
        assertThat(count).isGreaterThanOrEqualTo(5);
        assertThat(text.lines().filter(l -> l.matches("\\s*(api_key|password|master_key):.*")))
                .isNotEmpty().allSatisfy(l -> assertThat(l).contains("os.environ/"));
    }

    @Test
    @DisplayName("a service without the master key, or with it as a literal, is refused naming the variable")
    void masterKeyMissingOrLiteralIsRefused() {
        Stack without = model.withService("litellm", s -> withEnv(s, "LITELLM_MASTER_KEY", null));
        assertThatThrownBy(() -> new LiteLlmConfigRenderer().render(without)).isInstanceOf(ModelException.class)
                .hasMessageContaining("LITELLM_MASTER_KEY").hasMessageContaining("does not declare it");

        Stack literal = model.withService("litellm", s -> withEnv(s, "LITELLM_MASTER_KEY", Value.literal("sk-1234")));
        assertThatThrownBy(() -> new LiteLlmConfigRenderer().render(literal)).isInstanceOf(ModelException.class)
                .hasMessageContaining("LITELLM_MASTER_KEY").hasMessageContaining("a literal")
                .hasMessageNotContaining("sk-1234");
    }

    @Test
    @DisplayName("responses are cached in the stack's Redis, its password from the environment")
    void cacheIsTheStacksRedis() {
        Map<String, Object> settings = map(config(model).get("litellm_settings"));
        assertThat(settings).containsEntry("cache", true).containsEntry("telemetry", false);
        assertThat(map(settings.get("cache_params"))).containsEntry("type", "redis")
                .containsEntry("host", "os.environ/REDIS_HOST").containsEntry("port", "os.environ/REDIS_PORT")
                .containsEntry("password", "os.environ/REDIS_PASSWORD");
        assertThat(model.requireService("litellm").environment().get("REDIS_HOST")).isEqualTo(Value.literal("redis"));
    }

    @Test
    @DisplayName("without a redis service, or with Redis's password not a secret, there is no config")
    void cacheWithoutRedisIsRefused() {
        Stack noRedis = model.withServices(model.services().stream().filter(s -> !s.name().equals("redis")).toList());
        assertThatThrownBy(() -> new LiteLlmConfigRenderer().render(noRedis)).isInstanceOf(ModelException.class)
                .hasMessageContaining("'redis'");

        Stack plain = model.withService("litellm", s -> withEnv(s, "REDIS_PASSWORD", Value.setting("REDIS_PASSWORD")));
        assertThatThrownBy(() -> new LiteLlmConfigRenderer().render(plain)).isInstanceOf(ModelException.class)
                .hasMessageContaining("REDIS_PASSWORD").hasMessageContaining("non-secret");
    }

    @Test
    @DisplayName("each consumer of the billing table gets a key of $5 a day; the OAuth user none; no key may get more")
    void budgetsFollowTheBillingTable() {
        List<Map<String, Object>> keys = list(Rendered.yaml(Rendered.text(LiteLlmConfigRenderer.KEYS_PATH)).get("keys"));

        assertThat(keys).extracting(k -> k.get("key_alias")).containsExactly("opencode", "openclaw", "n8n");
        assertThat(keys).allSatisfy(k -> assertThat(k).containsEntry("max_budget", 5.0)
                .containsEntry("budget_duration", "1d"));
        assertThat(keys).extracting(k -> map(k.get("metadata")).get("consumer")).doesNotContain("Claude Code CLI");
        assertThat(map(map(config(model).get("litellm_settings")).get("upperbound_key_generate_params")))
                .containsEntry("max_budget", 5.0).containsEntry("budget_duration", "1d");
    }

    @Test
    @DisplayName("a budget that is zero, negative or not a number is refused naming the consumer")
    void nonPositiveBudgetsAreRefused() {
        for (double budget : new double[] {0.0, -5.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            Stack broken = withKeys(List.of(new LlmKey("OpenCode", "LITELLM_API_KEY", Optional.of(budget))));
            assertThatThrownBy(() -> new LiteLlmConfigRenderer().render(broken)).as("budget " + budget)
                    .isInstanceOf(ModelException.class).hasMessageContaining("'OpenCode'")
                    .hasMessageContaining("positive");
        }
        Stack none = withKeys(List.of(new LlmKey("Claude Code CLI", "OAuth Max Plan", Optional.empty())));
        assertThatThrownBy(() -> new LiteLlmConfigRenderer().render(none)).isInstanceOf(ModelException.class)
                .hasMessageContaining("no consumer");
    }

    @Test
    @DisplayName("two consumers whose names make the same key alias are refused")
    void clashingAliasesAreRefused() {
        Stack clash = withKeys(List.of(new LlmKey("Open Code", "A", Optional.of(5.0)),
                new LlmKey("open-code", "B", Optional.of(5.0))));
        assertThatThrownBy(() -> new LiteLlmConfigRenderer().render(clash)).isInstanceOf(ModelException.class)
                .hasMessageContaining("'open-code'");
    }

    @Test
    @DisplayName("no route, a route declared twice, or a provider whose key the service lacks: refused")
    void badRoutesAreRefused() {
        assertThatThrownBy(() -> new LiteLlmConfigRenderer(List.of()).render(model))
                .isInstanceOf(ModelException.class).hasMessageContaining("no LLM route");

        LlmRoute sonnet = new LlmRoute("claude-sonnet", LlmRoute.Provider.ANTHROPIC, "claude-sonnet-4-20250514");
        assertThatThrownBy(() -> new LiteLlmConfigRenderer(List.of(sonnet, sonnet)).render(model))
                .isInstanceOf(ModelException.class).hasMessageContaining("'claude-sonnet' is declared twice");

        Stack noOpenRouterKey = model.withService("litellm", s -> withEnv(s, "OPENROUTER_API_KEY", null));
        assertThatThrownBy(() -> new LiteLlmConfigRenderer().render(noOpenRouterKey))
                .isInstanceOf(ModelException.class).hasMessageContaining("OPENROUTER_API_KEY");

        assertThatThrownBy(() -> new LlmRoute("gpt", LlmRoute.Provider.OPENROUTER, "openai/gpt 4o"))
                .isInstanceOf(ModelException.class).hasMessageContaining("LLM route 'gpt'");
        assertThatThrownBy(() -> new LlmRoute("GPT", LlmRoute.Provider.OPENROUTER, "openai/gpt-4o"))
                .isInstanceOf(ModelException.class).hasMessageContaining("'GPT'");
    }

    @Test
    @DisplayName("the compose file mounts the rendered config where LiteLLM's command reads it")
    void composeMountsTheConfigItsCommandNames() {
        Service litellm = model.requireService("litellm");
        String target = litellm.command().get(litellm.command().indexOf("--config") + 1);

        assertThat(litellm.volumes()).anySatisfy(v -> {
            assertThat(v.source()).isEqualTo("./" + LiteLlmConfigRenderer.CONFIG_PATH.substring("sese-ai/".length()));
            assertThat(v.target()).isEqualTo(target);
        });
    }

    private Stack withKeys(List<LlmKey> keys) {
        return new Stack(model.hosts(), model.tailnet(), model.dns(), model.networks(), model.services(), model.proxy(),
                model.backup(), new Workstation(model.workstation().services(), keys), model.seko(), model.waivers());
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
