package io.vpai.harness.images;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.images.ThrowawayContainers.Outcome;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.render.OpenClawConfigRenderer;
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
 * The real OpenClaw of the openclaw image on the shipped config, in front of the real LiteLLM (litellm image,
 * shipped config, redis image) and the LLM provider fixture on a private network: the gateway is up where the
 * compose health check looks, takes WebSocket upgrades, and turns an authorised OpenAI-style request into a
 * completion through LiteLLM with OpenClaw's key; a request without the gateway token, or from an OpenClaw
 * whose key LiteLLM does not know, never reaches the provider. Without a database LiteLLM authenticates its master key only (src/main/docker/README.md), so here
 * OpenClaw's key is LiteLLM's master key.
 */
@Tag("stack")
@DisplayName("The OpenClaw image runs the pinned OpenClaw on Node 24 offline, with LiteLLM as its provider")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.OFFLINE_IMAGES)
@BesideTheStack
class OpenClawImageTest {
    private static final Path PROJECT_ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final String GATEWAY_TOKEN = "openclaw-test-gateway-token";
    private static final String OPENCLAW_KEY = "sk-test-openclaw";
    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final int GATEWAY_PORT = VpaiStack.model().requireService("openclaw").ports().get(0);

    private static ThrowawayContainers containers;
    private static String openclaw;
    /** The same OpenClaw with a key LiteLLM does not know. */
    private static String openclawWrongKey;
    private static LiteLlmBench bench;
    private static String probe;
    private static JitiCache transpileCacheAtStart;

    @BeforeAll
    static void startOpenClawInFrontOfLiteLlm() {
        containers = ThrowawayContainers.open();
        // LiteLLM first, as compose starts them (openclaw waits for a healthy litellm); then both gateways at once,
        // one Node start per core.
        bench = LiteLlmBench.start(PROJECT_ROOT, containers, OPENCLAW_KEY, STARTUP);
        probe = bench.probe();
        String litellm = bench.litellm();
        String openclawImage = OfflineImages.build(PROJECT_ROOT, "openclaw", line -> System.out.println("[images] " + line));
        openclaw = startOpenClaw(openclawImage, litellm, OPENCLAW_KEY);
        openclawWrongKey = startOpenClaw(openclawImage, litellm, "sk-not-known-to-litellm");
        awaitComposeHealth(openclaw);
        awaitComposeHealth(openclawWrongKey);
        // Read at once: later requests could load more modules.
        transpileCacheAtStart = jitiCache(openclaw);
    }

    /** jiti's cache in a container: every entry, and those written since the container was created. */
    private record JitiCache(int entries, int writtenSinceCreation) {
    }

    private static JitiCache jitiCache(String container) {
        // Docker writes /etc/hostname when it creates the container: older entries came with the image.
        String[] counts = containers.exec(container, "bash", "-c",
                "echo $(find /tmp/jiti -type f | wc -l) $(find /tmp/jiti -type f -newer /etc/hostname | wc -l)")
                .requireSuccess("count jiti's cache entries").output().strip().split(" ");
        return new JitiCache(Integer.parseInt(counts[0]), Integer.parseInt(counts[1]));
    }

    /** The shipped compose file's health check for openclaw, as it runs there. */
    private static void awaitComposeHealth(String gateway) {
        containers.await(gateway, "pass the compose health check", STARTUP,
                c -> c.exec(gateway, "bash", "-c", ":> /dev/tcp/127.0.0.1/" + GATEWAY_PORT).succeeded());
    }

    private static String startOpenClaw(String image, String litellm, String litellmKey) {
        return containers.start(List.of(
                "-v", PROJECT_ROOT.resolve("compose/" + OpenClawConfigRenderer.CONFIG_PATH)
                        + ":/home/node/.openclaw/openclaw.json:ro",
                "-e", "LITELLM_BASE_URL=http://" + litellm + ":" + LiteLlmBench.PORT, "-e", "OPENCLAW_API_KEY=" + litellmKey,
                "-e", "OPENCLAW_GATEWAY_TOKEN=" + GATEWAY_TOKEN), image);
    }

    @AfterAll
    static void removeContainers() {
        if (containers != null) {
            containers.close();
        }
    }

    @Test
    @DisplayName("it is OpenClaw at the model's pin, on Node 24")
    void itIsThePinOnNode24() {
        String pin = VpaiStack.model().requireService("openclaw").image().tag();
        assertThat(containers.exec(openclaw, "openclaw", "--version").requireSuccess("openclaw --version").output())
                .contains(pin);
        assertThat(containers.exec(openclaw, "node", "--version").output().strip()).startsWith("v24.");
    }

    @Test
    @DisplayName("a fresh gateway finds its plugins already transpiled in the image: jiti's cache is there and it adds nothing")
    void aFreshGatewayTranspilesNothing() {
        assertThat(transpileCacheAtStart.entries()).as("entries of /tmp/jiti in a gateway that just started").isPositive();
        assertThat(transpileCacheAtStart.writtenSinceCreation())
                .as("entries the gateway wrote while it started (each a plugin file transpiled again)").isZero();
    }

    @Test
    @DisplayName("the gateway answers OpenClaw's own health call on its port with the token; not with another")
    void theGatewayAnswersItsHealth() {
        Outcome healthy = gatewayHealth(GATEWAY_TOKEN);
        assertThat(healthy.exitCode()).as(healthy.output()).isZero();
        assertThat(healthy.output()).contains("\"ok\": true");

        Outcome wrongToken = gatewayHealth("not-the-token");
        assertThat(wrongToken.exitCode()).as(wrongToken.output()).isNotZero();
        assertThat(wrongToken.output()).doesNotContain("\"ok\": true");
    }

    @Test
    @DisplayName("a WebSocket upgrade is switched (101); the same request without the upgrade is not")
    void theGatewayTakesWebSocketUpgrades() {
        assertThat(statusLine(true)).startsWith("HTTP/1.1 101");
        assertThat(statusLine(false)).doesNotContain(" 101");
    }

    @Test
    @DisplayName("an OpenAI-style request with the gateway token reaches the provider once, through LiteLLM")
    void aRequestThroughOpenClawReachesTheProviderThroughLiteLlm() {
        int before = providerCalls();
        Outcome answer = complete("through openclaw, image test", GATEWAY_TOKEN);
        assertThat(answer.output().strip()).contains("fixture answer ").endsWith("200");
        assertThat(providerCalls()).as("the provider is called once, for OpenClaw's agent turn").isEqualTo(before + 1);
        assertThat(lastProviderRequest()).contains("claude-sonnet")
                .as("LiteLLM called the provider with the provider's key, having accepted OpenClaw's")
                .contains("\"key\": \"valid\"");
    }

    @Test
    @DisplayName("an OpenClaw whose key LiteLLM does not know gets no answer, and the provider is not called")
    void withAKeyLiteLlmDoesNotKnowTheProviderIsNotCalled() {
        int before = providerCalls();
        Outcome answer = complete(openclawWrongKey, "a key litellm does not know", GATEWAY_TOKEN);
        assertThat(answer.output()).doesNotContain("fixture answer ");
        assertThat(providerCalls()).isEqualTo(before);
    }

    @Test
    @DisplayName("without the gateway token, or with a wrong one, the request is refused with 401 and the provider is not called")
    void withoutTheGatewayTokenItRefuses() {
        int before = providerCalls();
        assertThat(complete("no token", null).output().strip()).endsWith("401");
        assertThat(complete("wrong token", "not-the-token").output().strip()).endsWith("401");
        assertThat(providerCalls()).isEqualTo(before);
    }

    /** The gateway's health method over its WebSocket (the CLI refuses plain ws:// to any address but loopback). */
    private Outcome gatewayHealth(String token) {
        return containers.exec(openclaw, "openclaw", "gateway", "health", "--json",
                "--url", "ws://127.0.0.1:" + GATEWAY_PORT, "--token", token);
    }

    private String statusLine(boolean upgrade) {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-i", "-m", "5", "-o", "-"));
        if (upgrade) {
            command.addAll(List.of("-H", "Connection: Upgrade", "-H", "Upgrade: websocket",
                    "-H", "Sec-WebSocket-Version: 13", "-H", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="));
        }
        command.add("http://" + openclaw + ":" + GATEWAY_PORT + "/");
        String output = containers.runOnce(List.of(), probe, command.toArray(String[]::new)).output();
        return output.lines().findFirst().orElse("");
    }

    private Outcome complete(String prompt, String token) {
        return complete(openclaw, prompt, token);
    }

    private Outcome complete(String gateway, String prompt, String token) {
        String body = "{\"model\":\"openclaw\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-m", "50", "-w", "\\n%{http_code}",
                "-H", "Content-Type: application/json", "-d", body));
        if (token != null) {
            command.addAll(List.of("-H", "Authorization: Bearer " + token));
        }
        command.add("http://" + gateway + ":" + GATEWAY_PORT + "/v1/chat/completions");
        return containers.runOnce(List.of(), probe, command.toArray(String[]::new));
    }

    private int providerCalls() {
        return bench.providerCalls();
    }

    private String lastProviderRequest() {
        String ledger = bench.ledger();
        return ledger.substring(Math.max(0, ledger.lastIndexOf("{\"api\"")));
    }
}
