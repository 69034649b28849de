package io.vpai.harness.render;

import io.vpai.harness.model.LlmRoute;
import io.vpai.harness.model.ModelException;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Value;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.model.Workstation.LlmKey;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LiteLLM's proxy configuration (section 4): the models routed to the providers, the response cache in the
 * stack's Redis, the master key, and the per-consumer daily budgets of the billing table (section 1.5). Every
 * secret is an {@code os.environ/NAME} reference to a variable the litellm service declares, so the file
 * carries none; LiteLLM resolves them at start. The budgets live on virtual keys, which LiteLLM keeps in its
 * database: {@code virtual-keys.yaml} holds the body of each key's {@code /key/generate} request, and the
 * config caps what any generated key may get.
 */
public final class LiteLlmConfigRenderer implements Renderer {
    public static final String CONFIG_PATH = "sese-ai/litellm/config.yaml";
    public static final String KEYS_PATH = "sese-ai/litellm/virtual-keys.yaml";
    static final String SERVICE = "litellm";
    /** The billing table's budgets are per day. */
    static final String BUDGET_DURATION = "1d";
    private static final String REDIS_SERVICE = "redis";

    private final List<LlmRoute> routes;

    public LiteLlmConfigRenderer() {
        this(VpaiStack.llmRoutes());
    }

    LiteLlmConfigRenderer(List<LlmRoute> routes) {
        this.routes = List.copyOf(routes);
    }

    @Override
    public List<RenderedFile> render(Stack stack) {
        Service litellm = stack.service(SERVICE).orElseThrow(() -> new ModelException(
                "LiteLLM config: the model has no service '" + SERVICE + "'"));
        if (stack.service(REDIS_SERVICE).isEmpty()) {
            throw new ModelException("LiteLLM config: the response cache needs a service '" + REDIS_SERVICE + "'");
        }
        List<LlmKey> budgeted = budgetedKeys(stack);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model_list", modelList(litellm));
        config.put("litellm_settings", litellmSettings(litellm, budgeted));
        config.put("general_settings", Map.of("master_key", secretRef(litellm, "LITELLM_MASTER_KEY")));
        String header = Generated.header("#", LiteLlmConfigRenderer.class)
                + "# LiteLLM proxy (ghcr.io/berriai/litellm): models, Redis response cache, master key, key budgets.\n"
                + "# Secrets are os.environ/ references to the litellm service's environment; none is written here.\n";
        return List.of(RenderedFile.text(CONFIG_PATH, header + YamlWriter.emit(config, Set.of())),
                RenderedFile.text(KEYS_PATH, keysFile(budgeted)));
    }

    private List<Object> modelList(Service litellm) {
        if (routes.isEmpty()) {
            throw new ModelException("LiteLLM config: no LLM route; LiteLLM would offer no model");
        }
        Set<String> aliases = new HashSet<>();
        List<Object> models = new ArrayList<>();
        for (LlmRoute route : routes) {
            if (!aliases.add(route.alias())) {
                throw new ModelException("LLM route '" + route.alias() + "' is declared twice");
            }
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("model", route.litellmModel());
            params.put("api_key", secretRef(litellm, route.provider().keyVariable()));
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("model_name", route.alias());
            model.put("litellm_params", params);
            models.add(model);
        }
        return models;
    }

    private Map<String, Object> litellmSettings(Service litellm, List<LlmKey> budgeted) {
        Map<String, Object> cache = new LinkedHashMap<>();
        cache.put("type", "redis");
        cache.put("host", envRef(litellm, "REDIS_HOST"));
        cache.put("port", envRef(litellm, "REDIS_PORT"));
        cache.put("password", secretRef(litellm, "REDIS_PASSWORD"));
        Map<String, Object> settings = new LinkedHashMap<>();
        // Off in 1.74.3 already; said here so an upgrade that revives it does not phone home.
        settings.put("telemetry", false);
        settings.put("cache", true);
        settings.put("cache_params", cache);
        // No key LiteLLM generates may get more than the largest daily budget of the billing table.
        Map<String, Object> upperBound = new LinkedHashMap<>();
        upperBound.put("max_budget", budgeted.stream().mapToDouble(k -> k.dailyBudgetUsd().orElseThrow()).max()
                .orElseThrow());
        upperBound.put("budget_duration", BUDGET_DURATION);
        settings.put("upperbound_key_generate_params", upperBound);
        return settings;
    }

    private String keysFile(List<LlmKey> budgeted) {
        List<Object> keys = new ArrayList<>();
        for (LlmKey key : budgeted) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("key_alias", alias(key));
            body.put("max_budget", key.dailyBudgetUsd().orElseThrow());
            body.put("budget_duration", BUDGET_DURATION);
            body.put("models", routes.stream().map(LlmRoute::alias).toList());
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("consumer", key.consumer());
            metadata.put("credential", key.credential());
            body.put("metadata", metadata);
            keys.add(body);
        }
        return Generated.header("#", LiteLlmConfigRenderer.class)
                + "# One LiteLLM virtual key per consumer of the billing table (section 1.5), each the body of a\n"
                + "# POST /key/generate made with the master key. LiteLLM keeps keys and their spend in PostgreSQL;\n"
                + "# the master key itself has no budget, so a consumer held to one must call with its own key.\n"
                + YamlWriter.emit(Map.of("keys", keys), Set.of());
    }

    /** The billing table's consumers that spend LiteLLM's budget; each budget positive and finite. */
    private static List<LlmKey> budgetedKeys(Stack stack) {
        List<LlmKey> budgeted = new ArrayList<>();
        Set<String> aliases = new HashSet<>();
        for (LlmKey key : stack.workstation().llmKeys()) {
            if (key.dailyBudgetUsd().isEmpty()) {
                continue; // an OAuth subscription, not LiteLLM's spend
            }
            double budget = key.dailyBudgetUsd().get();
            if (!(budget > 0) || Double.isInfinite(budget)) {
                throw new ModelException("LLM key of '" + key.consumer() + "': daily budget " + budget
                        + " USD must be a positive number");
            }
            if (!aliases.add(alias(key))) {
                throw new ModelException("LLM key of '" + key.consumer() + "': another consumer has the key alias '"
                        + alias(key) + "'");
            }
            budgeted.add(key);
        }
        if (budgeted.isEmpty()) {
            throw new ModelException("LiteLLM config: no consumer of the billing table has a daily budget");
        }
        return budgeted;
    }

    /** "Claude Code CLI" -> "claude-code-cli": LiteLLM's key alias for the consumer. */
    static String alias(LlmKey key) {
        String alias = key.consumer().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
        if (alias.isEmpty()) {
            throw new ModelException("LLM key of '" + key.consumer() + "': the consumer name makes no key alias");
        }
        return alias;
    }

    private static String secretRef(Service litellm, String variable) {
        Value value = litellm.environment().get(variable);
        if (!(value instanceof Value.Variable v) || !v.secret()) {
            throw new ModelException("LiteLLM config: service '" + litellm.name() + "' must take " + variable
                    + " from a secret (the config refers to os.environ/" + variable + "), but it "
                    + (value == null ? "does not declare it" : "declares it as " + describe(value)));
        }
        return "os.environ/" + variable;
    }

    private static String envRef(Service litellm, String variable) {
        if (!litellm.environment().containsKey(variable)) {
            throw new ModelException("LiteLLM config: service '" + litellm.name() + "' does not declare " + variable
                    + " (the config refers to os.environ/" + variable + ")");
        }
        return "os.environ/" + variable;
    }

    private static String describe(Value value) {
        return value instanceof Value.Literal ? "a literal" : "a non-secret setting";
    }
}
