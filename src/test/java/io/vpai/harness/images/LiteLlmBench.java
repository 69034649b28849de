package io.vpai.harness.images;

import io.vpai.harness.render.LiteLlmConfigRenderer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real LiteLLM of the litellm image on the shipped config, between a password-protected Redis (the redis image)
 * and the LLM provider fixture, as the image tests start it in throwaway containers; and the provider's ledger, read
 * from the probe image.
 */
record LiteLlmBench(ThrowawayContainers containers, String litellm, String provider, String probe) {
    static final String PROVIDER_KEY = "provider-test-key";
    static final String REDIS_PASSWORD = "redis-test-password";
    static final int PORT = 4000;

    /** Starts Redis, the provider and LiteLLM with {@code masterKey}; returns once LiteLLM answers its liveliness. */
    static LiteLlmBench start(Path projectRoot, ThrowawayContainers containers, String masterKey, Duration startup) {
        String litellmImage = OfflineImages.build(projectRoot, "litellm", line -> System.out.println("[images] " + line));
        String providerImage = OfflineImages.build(projectRoot, "llm-provider", line -> { });
        String redisImage = OfflineImages.build(projectRoot, "redis", line -> { });
        String probe = OfflineImages.build(projectRoot, "probe", line -> { });

        String redis = containers.start(List.of(), redisImage, "redis-server", "--requirepass", REDIS_PASSWORD);
        String provider = containers.start(List.of("-e", "FIXTURE_API_KEY=" + PROVIDER_KEY), providerImage);
        List<String> options = new ArrayList<>(List.of(
                "-v", projectRoot.resolve("compose/" + LiteLlmConfigRenderer.CONFIG_PATH) + ":/app/config.yaml:ro",
                "-e", "LITELLM_MASTER_KEY=" + masterKey, "-e", "REDIS_HOST=" + redis, "-e", "REDIS_PORT=6379",
                "-e", "REDIS_PASSWORD=" + REDIS_PASSWORD,
                "-e", "ANTHROPIC_API_KEY=" + PROVIDER_KEY, "-e", "OPENROUTER_API_KEY=" + PROVIDER_KEY,
                "-e", "ANTHROPIC_API_BASE=http://" + provider + ":8080",
                "-e", "OPENROUTER_API_BASE=http://" + provider + ":8080/api/v1"));
        String litellm = containers.start(options, litellmImage, "--config", "/app/config.yaml", "--port",
                String.valueOf(PORT));
        containers.await(litellm, "answer /health/liveliness", startup,
                c -> c.exec(litellm, "curl", "-sf", "http://localhost:" + PORT + "/health/liveliness").succeeded());
        return new LiteLlmBench(containers, litellm, provider, probe);
    }

    /** The provider fixture's ledger: every completion request it got, never a key. */
    String ledger() {
        return containers.runOnce(List.of(), probe, "curl", "-sf", "http://" + provider + ":8080/_fixture/requests")
                .requireSuccess("read the provider's ledger").output();
    }

    int providerCalls() {
        return Integer.parseInt(ledger().replaceFirst("(?s)^\\{\"count\": (\\d+),.*", "$1"));
    }
}
