package io.vpai.harness.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vpai.harness.model.LlmRoute;
import io.vpai.harness.model.ModelException;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Value;
import io.vpai.harness.model.VpaiStack;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenClaw's gateway configuration ({@code ~/.openclaw/openclaw.json}, JSON5, of which JSON is a part):
 * LiteLLM as its only model provider (architecture section 4: "LiteLLM → OpenClaw"), offering LiteLLM's
 * routes, and the gateway on every address of the container at its port, behind a token. Secrets and the
 * LiteLLM address are {@code ${NAME}} references OpenClaw resolves from the openclaw service's environment
 * at load time (a missing one stops it), so the file carries none. OpenClaw refuses a config with an unknown
 * key: every key here is in its schema (2026.2.19, {@code docs/gateway/configuration-reference.md}).
 */
public final class OpenClawConfigRenderer implements Renderer {
    public static final String CONFIG_PATH = "sese-ai/openclaw/openclaw.json";
    /** OpenClaw's provider id for LiteLLM: a model is {@code litellm/<route alias>}. */
    public static final String PROVIDER = "litellm";
    static final String SERVICE = "openclaw";
    static final String GATEWAY_TOKEN = "OPENCLAW_GATEWAY_TOKEN";
    static final String LITELLM_KEY = "OPENCLAW_API_KEY";
    static final String LITELLM_BASE_URL = "LITELLM_BASE_URL";

    /** Keys sorted: the same model gives the same bytes whatever order a map iterates in. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final List<LlmRoute> routes;

    public OpenClawConfigRenderer() {
        this(VpaiStack.llmRoutes());
    }

    OpenClawConfigRenderer(List<LlmRoute> routes) {
        this.routes = List.copyOf(routes);
    }

    @Override
    public List<RenderedFile> render(Stack stack) {
        Service openclaw = stack.service(SERVICE).orElseThrow(() -> new ModelException(
                "OpenClaw config: the model has no service '" + SERVICE + "'"));
        if (routes.isEmpty()) {
            throw new ModelException("OpenClaw config: no LLM route; OpenClaw would have no model");
        }
        if (openclaw.ports().isEmpty()) {
            throw new ModelException("OpenClaw config: service '" + SERVICE + "' declares no port for its gateway");
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("gateway", gateway(openclaw));
        config.put("models", Map.of("mode", "replace", "providers", Map.of(PROVIDER, provider(openclaw))));
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("model", Map.of("primary", PROVIDER + "/" + routes.get(0).alias()));
        // The agent's periodic heartbeat is a completion every 30 minutes on LiteLLM's budget: none unasked.
        defaults.put("heartbeat", Map.of("every", "0m"));
        config.put("agents", Map.of("defaults", defaults));
        // Nothing phones home: no npm version check at start, no mDNS announcements on the backend network.
        config.put("update", Map.of("checkOnStart", false));
        config.put("discovery", Map.of("mdns", Map.of("mode", "off")));
        String header = Generated.header("//", OpenClawConfigRenderer.class)
                + "// OpenClaw gateway (ghcr.io/openclaw/openclaw): LiteLLM as its model provider, the gateway behind a\n"
                + "// token. Secrets are ${NAME} references to the openclaw service's environment; none is written here.\n";
        return List.of(RenderedFile.text(CONFIG_PATH, header + json(config)));
    }

    private static Map<String, Object> gateway(Service openclaw) {
        Map<String, Object> gateway = new LinkedHashMap<>();
        gateway.put("mode", "local");
        gateway.put("port", openclaw.ports().get(0));
        // Caddy reaches it over the backend network; a bind other than loopback requires the token.
        gateway.put("bind", "lan");
        gateway.put("auth", Map.of("mode", "token", "token", secretRef(openclaw, GATEWAY_TOKEN)));
        // The OpenAI-style endpoint runs an agent turn on LiteLLM: what the data-flow checks call.
        gateway.put("http", Map.of("endpoints", Map.of("chatCompletions", Map.of("enabled", true))));
        return gateway;
    }

    private Map<String, Object> provider(Service openclaw) {
        Map<String, Object> provider = new LinkedHashMap<>();
        if (!(openclaw.environment().get(LITELLM_BASE_URL) instanceof Value.Literal)) {
            throw new ModelException("OpenClaw config: service '" + SERVICE + "' must set " + LITELLM_BASE_URL
                    + " to LiteLLM's address (the config refers to ${" + LITELLM_BASE_URL + "})");
        }
        // LiteLLM's OpenAI-compatible API; OpenClaw appends /chat/completions.
        provider.put("baseUrl", "${" + LITELLM_BASE_URL + "}/v1");
        provider.put("apiKey", secretRef(openclaw, LITELLM_KEY));
        provider.put("api", "openai-completions");
        provider.put("models", routes.stream().map(route -> {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("id", route.alias());
            model.put("name", route.alias());
            model.put("input", List.of("text"));
            return model;
        }).toList());
        return provider;
    }

    private static String secretRef(Service openclaw, String variable) {
        Value value = openclaw.environment().get(variable);
        if (!(value instanceof Value.Variable v) || !v.secret()) {
            throw new ModelException("OpenClaw config: service '" + SERVICE + "' must take " + variable
                    + " from a secret (the config refers to ${" + variable + "}), but it "
                    + (value == null ? "does not declare it" : "declares it as "
                    + (value instanceof Value.Literal ? "a literal" : "a non-secret setting")));
        }
        return "${" + variable + "}";
    }

    private static String json(Map<String, Object> config) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(printer).writeValueAsString(config) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
