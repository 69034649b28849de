package io.vpai.harness.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpai.harness.access.Request;
import io.vpai.harness.model.Stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The requests a LiteLLM consumer sends through the proxy (architecture section 4): an OpenAI-style completion
 * or a model listing, with or without a bearer key. A key travels only inside the request's curl arguments,
 * which reach the fixture client on stdin; what names the request says which key it is, never its value.
 */
public final class LlmRequests {
    public static final String LITELLM = "litellm";
    public static final String COMPLETIONS = "/v1/chat/completions";
    public static final String MODELS = "/v1/models";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LlmRequests() {
    }

    /** The name the proxy serves LiteLLM under: the host of the model's route to the litellm service. */
    public static String host(Stack model) {
        return model.proxy().hostOf(LITELLM);
    }

    /**
     * A chat completion of {@code prompt} by {@code model}, non-streaming so that it is cacheable.
     *
     * @param key  the bearer key, or empty for a request without one
     * @param whose what the key is, for the request's name: {@code "the master key"}, {@code "a wrong key"}
     */
    public static Request completion(String host, String model, String prompt, Optional<String> key, String whose) {
        // Ordered: the same request must be the same bytes, whatever LiteLLM makes its cache key of.
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "user");
        message.put("content", prompt);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("messages", List.of(message));
        List<String> options = new ArrayList<>(List.of("-X", "POST", "-H", "Content-Type: application/json",
                "--data-binary", json(body)));
        key.ifPresent(k -> options.addAll(List.of("-H", "Authorization: Bearer " + k)));
        return Request.https(host, COMPLETIONS).withVariant("POST " + model + " " + named(key, whose), options);
    }

    /** The model listing: the cheapest request that LiteLLM's authentication still guards. */
    public static Request models(String host, Optional<String> key, String whose) {
        List<String> options = new ArrayList<>();
        key.ifPresent(k -> options.addAll(List.of("-H", "Authorization: Bearer " + k)));
        return Request.https(host, MODELS).withVariant(named(key, whose), options);
    }

    private static String named(Optional<String> key, String whose) {
        return key.isPresent() ? "with " + whose : "without a key";
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings did not serialise: " + e.getMessage(), e);
        }
    }
}
