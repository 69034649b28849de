package io.vpai.harness.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.environment.Fixture;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.Ipv4;
import io.vpai.harness.probe.ProbeError;
import io.vpai.harness.stack.LlmProviderFixture;
import io.vpai.harness.target.Target;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the LLM provider fixture was asked, read from its ledger by the internet client (both live on the
 * internet fixture network): how a spec tells a provider call from a cache hit. A ledger that cannot be read is
 * a {@link ProbeError}, never "no calls".
 */
public record ProviderLedger(List<Call> calls) {
    /** A recorded request; {@code key} is "absent", "valid" or "wrong", never the key itself. */
    public record Call(int seq, String api, String path, String model, String key, String prompt) {
    }

    public ProviderLedger {
        calls = List.copyOf(calls);
    }

    public static ProviderLedger read(Target target) {
        Fixtures fixtures = target.fixtures().orElseThrow(() -> new ProbeError("environment '" + target.name()
                + "' has no fixture networks, so no LLM provider fixture to ask"));
        String client = Fixture.INTERNET_CLIENT.service();
        target.guard().requireReachable(client, Ipv4.parse(Fixture.llmProviderAddress(fixtures)),
                "read the LLM provider's ledger at", "from " + client);
        String url = LlmProviderFixture.directBase(fixtures) + "/_fixture/requests";
        ShellResult result = target.probeFrom(client, "curl -sf --max-time 5 " + url, Duration.ofSeconds(30));
        if (!result.ok()) {
            throw new ProbeError("reading the LLM provider's ledger (" + url + " from " + client + ") on "
                    + target.name() + " failed (exit " + result.exitCode() + "): " + result.tail(3));
        }
        return parse(result.output());
    }

    static ProviderLedger parse(String json) {
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            List<Call> calls = new ArrayList<>();
            for (JsonNode c : root.path("requests")) {
                calls.add(new Call(c.path("seq").asInt(), c.path("api").asText(), c.path("path").asText(),
                        c.path("model").asText(), c.path("key").asText(), c.path("prompt").asText()));
            }
            if (root.path("count").asInt(-1) != calls.size()) {
                throw new ProbeError("the LLM provider's ledger counts " + root.path("count") + " requests but lists "
                        + calls.size());
            }
            return new ProviderLedger(calls);
        } catch (IOException e) {
            throw new ProbeError("the LLM provider's ledger is not JSON: " + e.getMessage());
        }
    }

    /** The calls whose prompt holds {@code text}: an agent's turn wraps the user's words in its own prompt. */
    public List<Call> callsMentioning(String text) {
        return calls.stream().filter(c -> c.prompt().contains(text)).toList();
    }

    /** The calls whose prompt is {@code prompt}: a spec's own requests, whatever else reached the provider. */
    public List<Call> callsWith(String prompt) {
        return calls.stream().filter(c -> c.prompt().equals(prompt)).toList();
    }
}
