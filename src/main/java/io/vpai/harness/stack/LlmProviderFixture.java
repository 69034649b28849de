package io.vpai.harness.stack;

import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.environment.Fixture;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.environment.ImageSource;
import io.vpai.harness.model.LlmRoute;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The outside world of a real LiteLLM in a container environment: the LLM provider fixture on the internet
 * network, and what LiteLLM's service needs in the override to use it. LiteLLM reaches it as production's
 * LiteLLM reaches api.anthropic.com: out of its egress network to a host address (the internet fixture's
 * gateway, where the fixture's port is published), never by joining a network production does not give it.
 * The shipped config is unchanged: the providers' base URLs are variables LiteLLM reads when they are set.
 */
public final class LlmProviderFixture {
    static final int CONTAINER_PORT = 8080;
    /** Published on the internet fixture's gateway, so egress reaches it through the host. */
    public static final int GATEWAY_PORT = 18080;
    /** The litellm service's variable that production sets to its database and no offline run can use. */
    static final String DATABASE_VARIABLE = "DATABASE_URL";
    /** The openclaw service's key for LiteLLM, and the litellm service's master key. */
    static final String OPENCLAW_KEY_VARIABLE = "OPENCLAW_API_KEY";
    static final String MASTER_KEY_VARIABLE = "LITELLM_MASTER_KEY";

    private LlmProviderFixture() {
    }

    /** Where the fixture is asked directly (by a spec on the internet network, or a probe): {@code http://198.51.100.50:8080}. */
    public static String directBase(Fixtures fixtures) {
        return "http://" + Fixture.llmProviderAddress(fixtures) + ":" + CONTAINER_PORT;
    }

    /** Where LiteLLM reaches it: the gateway's published port. */
    public static String egressBase(Fixtures fixtures) {
        return "http://" + fixtures.internet().gateway() + ":" + GATEWAY_PORT;
    }

    /** The fixture's compose service: it accepts each provider's API key as LiteLLM holds it. */
    static Map<String, Object> service(Fixtures fixtures, Function<ImageSource, String> images, RunLabels run) {
        Map<String, Object> out = OverrideFile.labelled(
                images.apply(new ImageSource.Build("llm-provider", Fidelity.REAL)), run);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FIXTURE_PORT", String.valueOf(CONTAINER_PORT));
        env.put("FIXTURE_API_KEY", Arrays.stream(LlmRoute.Provider.values())
                .map(p -> "${" + p.keyVariable() + "}").collect(Collectors.joining(",")));
        out.put("environment", env);
        out.put("ports", List.of(fixtures.internet().gateway() + ":" + GATEWAY_PORT + ":" + CONTAINER_PORT));
        out.put("networks", Map.of(Fixture.INTERNET, Map.of("ipv4_address", Fixture.llmProviderAddress(fixtures))));
        return out;
    }

    /**
     * What the litellm service gets in the override: each provider's base URL at the fixture, and, for the offline
     * image, no database. LiteLLM 1.74.3 keeps keys and spend through Prisma, whose engines come only from
     * binaries.prisma.sh (no registry ships them), and it refuses to start when DATABASE_URL is set, even empty,
     * without them: the variable is removed from the process's environment, and the database checks are skipped
     * with that reason. The upstream image carries its engines and keeps its database.
     */
    static void configureLiteLlm(Map<String, Object> litellm, Fixtures fixtures, boolean offlineImage) {
        Map<String, String> env = new LinkedHashMap<>();
        for (LlmRoute.Provider provider : LlmRoute.Provider.values()) {
            env.put(provider.baseVariable(), egressBase(fixtures) + basePath(provider));
        }
        litellm.put("environment", env);
        if (offlineImage) {
            litellm.put("entrypoint", List.of("env", "-u", DATABASE_VARIABLE, "tini", "--", "litellm"));
        }
    }

    /**
     * What a real openclaw service gets in the override when LiteLLM is the offline image: LiteLLM's master key as
     * its key. Without its database LiteLLM authenticates no key but the master key (src/main/docker/README.md), so
     * OpenClaw's own virtual key would be refused and OpenClaw → LiteLLM could not run offline at all.
     */
    static void configureOpenClaw(Map<String, Object> openclaw) {
        openclaw.put("environment", Map.of(OPENCLAW_KEY_VARIABLE, "${" + MASTER_KEY_VARIABLE + "}"));
    }

    /** OpenRouter's API lives under /api/v1; Anthropic's client adds /v1/messages itself. */
    private static String basePath(LlmRoute.Provider provider) {
        return provider == LlmRoute.Provider.OPENROUTER ? "/api/v1" : "";
    }
}
