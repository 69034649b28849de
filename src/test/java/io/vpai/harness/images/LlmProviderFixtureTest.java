package io.vpai.harness.images;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LLM provider fixture the llm-provider image ships, run here by this machine's python3 on loopback: it
 * answers both APIs deterministically, refuses a missing or wrong key, and records every completion request so
 * a spec can count provider calls.
 */
@DisplayName("The LLM provider fixture answers OpenAI and Anthropic requests deterministically and counts them")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.OFFLINE_IMAGES)
class LlmProviderFixtureTest {
    private static final Path SCRIPT = Path.of(System.getProperty("basedir", "."))
            .resolve("src/main/docker/llm-provider/llm_provider.py");
    private static final String KEY = "provider-test-key";
    /** The fixture stands for two providers, each with its own key. */
    private static final String OTHER_KEY = "other-provider-test-key";
    private static final Pattern LISTENING = Pattern.compile("listening on (\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Process fixture;
    private static String base;

    @BeforeAll
    static void startFixture() throws IOException {
        ProcessBuilder builder = new ProcessBuilder("python3", SCRIPT.toString()).redirectErrorStream(true);
        builder.environment().putAll(Map.of("FIXTURE_PORT", "0", "FIXTURE_BIND", "127.0.0.1",
                "FIXTURE_API_KEY", KEY + "," + OTHER_KEY));
        fixture = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(fixture.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        Matcher port = LISTENING.matcher(String.valueOf(first));
        assertThat(port.find()).as("the fixture's first line names its port: %s", first).isTrue();
        base = "http://127.0.0.1:" + port.group(1);
        Thread drain = new Thread(() -> out.lines().forEach(line -> { }), "llm-provider-log");
        drain.setDaemon(true);
        drain.start();
    }

    @AfterAll
    static void stopFixture() throws InterruptedException {
        if (fixture != null) {
            fixture.destroy();
            fixture.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @BeforeEach
    void forgetRequests() throws Exception {
        assertThat(post("/_fixture/reset", "", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("the same OpenAI request gets the same answer, another request another, and each is counted")
    void openAiAnswersAreDeterministicAndCounted() throws Exception {
        String hello = chat("gpt-4o", "hello");
        HttpResponse<String> first = post("/v1/chat/completions", hello, bearer(KEY));
        HttpResponse<String> again = post("/v1/chat/completions", hello, bearer(KEY));
        HttpResponse<String> other = post("/api/v1/chat/completions", chat("gpt-4o", "goodbye"), bearer(KEY));

        assertThat(List.of(first, again, other)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(content(first)).startsWith("fixture answer ").isEqualTo(content(again)).isNotEqualTo(content(other));
        assertThat(json(first)).containsKey("usage").containsEntry("object", "chat.completion");
        Map<String, Object> ledger = ledger();
        assertThat(ledger).containsEntry("count", 3);
        assertThat(requests(ledger)).extracting(r -> r.get("path"))
                .containsExactly("/v1/chat/completions", "/v1/chat/completions", "/api/v1/chat/completions");
    }

    @Test
    @DisplayName("an Anthropic request with the other provider's x-api-key gets a message with the prompt's answer")
    void anthropicAnswersWithAMessage() throws Exception {
        HttpResponse<String> reply = post("/v1/messages", chat("claude-sonnet-4-20250514", "hello"),
                Map.of("x-api-key", OTHER_KEY, "anthropic-version", "2023-06-01"));

        assertThat(reply.statusCode()).isEqualTo(200);
        Map<String, Object> message = json(reply);
        assertThat(message).containsEntry("type", "message").containsEntry("role", "assistant");
        assertThat(message.get("content").toString()).contains("fixture answer ");
        assertThat(requests(ledger())).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("api", "anthropic").containsEntry("key", "valid")
                .containsEntry("model", "claude-sonnet-4-20250514").containsEntry("prompt", "hello"));
    }

    @Test
    @DisplayName("no key or a wrong key gets 401, is recorded as such, and the key itself is never recorded")
    void missingOrWrongKeyIsRefusedAndRecorded() throws Exception {
        assertThat(post("/v1/chat/completions", chat("gpt-4o", "hi"), Map.of()).statusCode()).isEqualTo(401);
        assertThat(post("/v1/messages", chat("claude", "hi"), Map.of("x-api-key", "not-the-key")).statusCode())
                .isEqualTo(401);

        Map<String, Object> ledger = ledger();
        assertThat(requests(ledger)).extracting(r -> r.get("key")).containsExactly("absent", "wrong");
        assertThat(ledger.toString()).doesNotContain("not-the-key").doesNotContain(KEY).doesNotContain(OTHER_KEY);
    }

    @Test
    @DisplayName("a streamed OpenAI request gets the same text as server-sent events, ending with [DONE]")
    void streamingSendsTheSameAnswer() throws Exception {
        String plain = content(post("/v1/chat/completions", chat("gpt-4o", "stream me"), bearer(KEY)));
        String body = "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"stream me\"}]}";
        HttpResponse<String> events = post("/v1/chat/completions", body, bearer(KEY));

        assertThat(events.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(events.body()).contains("\"content\": \"" + plain + "\"").endsWith("data: [DONE]\n\n");
    }

    @Test
    @DisplayName("an unknown path gets 404 and a body that is not JSON 400; neither is a provider call answered")
    void unknownPathsAndBadBodiesAreRefused() throws Exception {
        assertThat(post("/v1/embeddings", chat("x", "y"), bearer(KEY)).statusCode()).isEqualTo(404);
        assertThat(post("/v1/chat/completions", "not json", bearer(KEY)).statusCode()).isEqualTo(400);
        assertThat(get("/health").body()).isEqualTo("OK");
        assertThat(ledger()).containsEntry("count", 0);
    }

    @Test
    @DisplayName("a port that is not a number stops the fixture with one line naming FIXTURE_PORT")
    void aBadPortIsRefused() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("python3", SCRIPT.toString()).redirectErrorStream(true);
        builder.environment().put("FIXTURE_PORT", "eighty");
        Process bad = builder.start();
        assertThat(bad.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).isNotZero();
        assertThat(new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
                .isEqualTo("llm-provider: FIXTURE_PORT must be a TCP port, got 'eighty'");
    }

    private static String chat(String model, String prompt) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\""
                + prompt + "\"}]}";
    }

    private static Map<String, String> bearer(String key) {
        return Map.of("Authorization", "Bearer " + key);
    }

    private static HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** JSON is YAML: SnakeYAML, already on the classpath, reads the fixture's answers. */
    private static Map<String, Object> json(HttpResponse<String> response) {
        return new Yaml().load(response.body());
    }

    @SuppressWarnings("unchecked")
    private static String content(HttpResponse<String> response) {
        List<Map<String, Object>> choices = (List<Map<String, Object>>) json(response).get("choices");
        return ((Map<String, Object>) choices.get(0).get("message")).get("content").toString();
    }

    private static Map<String, Object> ledger() throws Exception {
        return json(get("/_fixture/requests"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> requests(Map<String, Object> ledger) {
        return (List<Map<String, Object>>) ledger.get("requests");
    }
}
