package io.vpai.harness.flow;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.access.Request;
import io.vpai.harness.model.Ipv4;
import io.vpai.harness.model.ModelException;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.probe.ProbeError;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Data-flow parts: the completion request, the provider's ledger, the client a login comes from")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.ACCESS_PROBES)
class FlowPartsTest {
    private final Stack model = VpaiStack.model();

    @Test
    @DisplayName("a completion goes to LiteLLM's host as ordered JSON, its key only in the header, never in its name")
    void aCompletionRequest() {
        String host = LlmRequests.host(model);
        assertThat(host).isEqualTo("llm.ewutelo.cloud");
        Request withKey = LlmRequests.completion(host, "claude-sonnet", "say \"hi\"", Optional.of("sk-secret-value"),
                "the master key");
        assertThat(withKey.curlArguments(Ipv4.parse("100.64.0.1"), 5)).containsSubsequence("--data-binary",
                "{\"model\":\"claude-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"say \\\"hi\\\"\"}]}",
                "-H", "Authorization: Bearer sk-secret-value", "https://llm.ewutelo.cloud:443/v1/chat/completions");
        assertThat(withKey.variant()).contains("POST claude-sonnet with the master key");
        Request without = LlmRequests.completion(host, "claude-sonnet", "hi", Optional.empty(), "ignored");
        assertThat(String.join(" ", without.curlArguments(Ipv4.parse("100.64.0.1"), 5))).doesNotContain("Authorization");
        assertThat(without.variant()).contains("POST claude-sonnet without a key");
    }

    @Test
    @DisplayName("the ledger is read as calls per prompt; a count that disagrees with the list is an error")
    void theLedger() {
        ProviderLedger ledger = ProviderLedger.parse("{\"count\": 2, \"requests\": ["
                + "{\"seq\": 1, \"api\": \"anthropic\", \"path\": \"/v1/messages\", \"model\": \"m\", \"key\": \"valid\", \"prompt\": \"a\"},"
                + "{\"seq\": 2, \"api\": \"openai\", \"path\": \"/api/v1/chat/completions\", \"model\": \"m\", \"key\": \"wrong\", \"prompt\": \"b\"}]}");
        assertThat(ledger.callsWith("a")).extracting(ProviderLedger.Call::key).containsExactly("valid");
        assertThat(ledger.callsWith("c")).isEmpty();
        assertThat(ledger.callsWith("")).isEmpty();
        assertThat(ledger.callsMentioning("b")).extracting(ProviderLedger.Call::seq).containsExactly(2);
        assertThatThrownBy(() -> ProviderLedger.parse("{\"count\": 3, \"requests\": []}"))
                .isInstanceOf(ProbeError.class).hasMessageContaining("counts 3 requests but lists 0");
        assertThatThrownBy(() -> ProviderLedger.parse("<html>")).isInstanceOf(ProbeError.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    @DisplayName("a login comes from a service that depends on the server, to its address on a network they share")
    void theClientOfAServer() {
        ClientLogin.Pair redis = ClientLogin.clientOf(model, "redis");
        assertThat(model.requireService(redis.client()).dependsOn()).anyMatch(d -> d.service().equals("redis"));
        assertThat(redis.address()).hasToString("172.20.2.21");
        assertThat(redis.port()).isEqualTo(6379);
        assertThat(ClientLogin.clientOf(model, "postgresql").address()).hasToString("172.20.2.20");
        assertThatThrownBy(() -> ClientLogin.clientOf(model, "caddy")).isInstanceOf(ModelException.class)
                .hasMessageContaining("no service of the model depends on caddy");
        assertThat(ClientLogin.quote("it's")).isEqualTo("'it'\\''s'");
    }

    @Test
    @DisplayName("Redis's password variable is the one the model hands redis-cli")
    void redisPasswordVariable() {
        assertThat(RedisCache.passwordVariable(model)).isEqualTo("REDIS_PASSWORD");
    }
}
