package io.vpai.harness.images;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.images.ThrowawayContainers.Outcome;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.support.BesideTheStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real LiteLLM of the litellm image, on the shipped config, between the redis image and the LLM provider
 * fixture on a private network: it answers through the provider, serves the same request again from
 * Redis without calling the provider, and refuses a caller without the master key. Its database logging is
 * not here: it needs Prisma's engines, which no reachable registry ships (src/main/docker/README.md).
 */
@Tag("stack")
@DisplayName("The LiteLLM image runs the pinned LiteLLM offline on the shipped config")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.OFFLINE_IMAGES)
@BesideTheStack
class LiteLlmImageTest {
    private static final Path PROJECT_ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final String MASTER_KEY = "sk-test-master";

    private static ThrowawayContainers containers;
    private static LiteLlmBench bench;
    private static String litellm;

    @BeforeAll
    static void startLiteLlmBetweenRedisAndTheProvider() {
        containers = ThrowawayContainers.open();
        bench = LiteLlmBench.start(PROJECT_ROOT, containers, MASTER_KEY, Duration.ofSeconds(90));
        litellm = bench.litellm();
    }

    @AfterAll
    static void removeContainers() {
        if (containers != null) {
            containers.close();
        }
    }

    @Test
    @DisplayName("it is LiteLLM at the model's pin, with the bundled cost map and nothing else to download")
    void itIsThePin() {
        String pin = VpaiStack.model().requireService("litellm").image().tag().replaceFirst("^v", "")
                .replaceFirst("-stable$", "");
        assertThat(containers.exec(litellm, "litellm", "--version").output()).contains("Current Version = " + pin);
        assertThat(containers.exec(litellm, "printenv", "LITELLM_LOCAL_MODEL_COST_MAP").output().strip()).isEqualTo("True");
    }

    @Test
    @DisplayName("a first request reaches the provider once; the same request again is served from Redis")
    void theSecondIdenticalRequestIsACacheHit() {
        String body = "{\"model\":\"claude-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"cache me, image test\"}]}";
        int before = providerCalls();

        Outcome first = complete(body, MASTER_KEY);
        assertThat(first.output().strip()).contains("fixture answer ").endsWith("200");
        assertThat(providerCalls()).as("the first request reaches the provider").isEqualTo(before + 1);

        Outcome second = complete(body, MASTER_KEY);
        assertThat(second.output().strip()).endsWith("200");
        assertThat(providerCalls()).as("the same request again is answered from Redis").isEqualTo(before + 1);

        Outcome other = complete(body.replace("cache me", "do not cache me"), MASTER_KEY);
        assertThat(other.output().strip()).endsWith("200");
        assertThat(providerCalls()).as("another request is a miss").isEqualTo(before + 2);
    }

    @Test
    @DisplayName("without a key the request is refused with 401 and the provider is not called")
    void withoutTheMasterKeyItRefuses() {
        int before = providerCalls();
        assertThat(complete("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"no key\"}]}", null)
                .output().strip()).endsWith("401");
        assertThat(providerCalls()).isEqualTo(before);
    }

    private Outcome complete(String body, String key) {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-w", "\\n%{http_code}",
                "-H", "Content-Type: application/json", "-d", body));
        if (key != null) {
            command.addAll(List.of("-H", "Authorization: Bearer " + key));
        }
        command.add("http://" + litellm + ":" + LiteLlmBench.PORT + "/v1/chat/completions");
        return containers.runOnce(List.of(), bench.probe(), command.toArray(String[]::new));
    }

    private int providerCalls() {
        return bench.providerCalls();
    }
}
