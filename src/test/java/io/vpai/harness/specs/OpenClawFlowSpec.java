package io.vpai.harness.specs;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import io.vpai.harness.access.AccessProber;
import io.vpai.harness.access.Ingress;
import io.vpai.harness.access.Ingresses;
import io.vpai.harness.access.Observation;
import io.vpai.harness.access.Request;
import io.vpai.harness.baseline.ArchitectureBaseline;
import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.flow.ProviderLedger;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.support.RequiresDocker;
import io.vpai.harness.target.StackSecrets;
import io.vpai.harness.target.Target;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mission Control's path and OpenClaw's own (architecture sections 1.5 and 4): a WebSocket handshake to the name the
 * architecture gives Mission Control's gateway ({@link ArchitectureBaseline#MISSION_CONTROL_GATEWAY}, not the model's
 * route, so a model that moved OpenClaw elsewhere is caught) through Caddy is switched for the VPN client and
 * refused with 403 for the internet, as section 2.5 says of every VPN-only name; an OpenAI-style
 * request to the gateway with its token reaches the provider through LiteLLM exactly once, and one without the
 * token is refused before any provider call. Needs the real OpenClaw (and LiteLLM behind it).
 */
@Tag("stack")
@RequiresDocker
@DisplayName("OpenClaw data flows")
@Epic(Behaviors.CONFORMANCE)
@Feature(Behaviors.DATA_FLOWS)
@Story("Mission Control → Caddy → OpenClaw → LiteLLM")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenClawFlowSpec {
    private static final String OPENCLAW = "openclaw";
    private static final String GATEWAY_TOKEN = "OPENCLAW_GATEWAY_TOKEN";
    /** An agent turn goes through LiteLLM to the provider: longer than a plain request's bound. */
    private static final String TURN_SECONDS = "50";

    private Target target;
    /** The model's route to OpenClaw, for the chat requests. */
    private String host;
    /** The architecture's name for the same gateway, for Mission Control's handshake. */
    private final String gateway = ArchitectureBaseline.MISSION_CONTROL_GATEWAY;
    private Ingress vpnClient;
    private Ingress internet;
    private StackSecrets secrets;

    @BeforeAll
    void realOpenClaw(Target target) {
        this.target = target;
        for (String service : List.of(OPENCLAW, "litellm")) {
            Assumptions.assumeTrue(target.fidelity(service) == Fidelity.REAL, service + " is a stand-in on "
                    + target.name() + ": a stand-in neither switches protocols nor calls a provider");
        }
        Fixtures fixtures = VpnOnlyAccessSpec.fixtures(target);
        secrets = target.capability(StackSecrets.class).orElseThrow(() -> new TestAbortedException("environment '"
                + target.name() + "' does not hand the harness its secrets (StackSecrets): no gateway token"));
        host = target.model().proxy().hostOf(OPENCLAW);
        vpnClient = Ingresses.tailnetViaPublishedPort(target.model(), fixtures);
        internet = Ingresses.internet(fixtures);
    }

    @Test
    @DisplayName("Mission Control's WebSocket handshake to wss://javisi… through Caddy is switched (101) for the VPN client")
    void theWebSocketHandshakeIsSwitchedForTheVpnClient() {
        Observation seen = AccessProber.send(target, vpnClient, List.of(webSocket())).get(0);
        assertThat(seen.status()).as(describe("wss://" + gateway + "/ from the VPN client, which "
                + ArchitectureBaseline.says("section 1.5, Mission Control ↔ OpenClaw") + " routes to OpenClaw", seen))
                .isEqualTo(101);
    }

    @Test
    @DisplayName("the same request without the upgrade is not switched: the 101 is the gateway's WebSocket, not any answer")
    void withoutTheUpgradeItIsNotSwitched() {
        Observation seen = AccessProber.send(target, vpnClient, List.of(plain())).get(0);
        assertThat(seen.status()).as(describe("https://" + gateway + "/ from the VPN client", seen))
                .isNotEqualTo(101).isBetween(200, 499);
    }

    @Test
    @DisplayName("the same WebSocket handshake from the internet gets 403 from Caddy")
    void theWebSocketHandshakeIsForbiddenFromTheInternet() {
        Observation seen = AccessProber.send(target, internet, List.of(webSocket())).get(0);
        assertThat(seen.status()).as(describe("wss://" + gateway + "/ from the internet, a VPN-only name that "
                + ArchitectureBaseline.says("section 2.5") + " refuses outside " + ArchitectureBaseline.TAILNET_RANGE,
                seen)).isEqualTo(403);
    }

    @Test
    @DisplayName("a chat request to the gateway with its token reaches the provider once, through LiteLLM")
    void aRequestThroughOpenClawReachesTheProviderOnce() {
        String prompt = "vpai openclaw flow " + UUID.randomUUID();
        Observation seen = AccessProber.send(target, vpnClient, List.of(chat(prompt, Optional.of(token()), "the gateway token")))
                .get(0);
        assertThat(seen.status()).as(describe("a chat request through OpenClaw", seen)).isEqualTo(200);
        List<ProviderLedger.Call> calls = ProviderLedger.read(target).callsMentioning(prompt);
        assertThat(calls).as("provider calls for the prompt sent to OpenClaw (its agent turn, through LiteLLM)").hasSize(1);
        assertThat(calls.get(0).key()).as("the provider key LiteLLM presented").isEqualTo("valid");
    }

    @Test
    @DisplayName("without the gateway token, or with a wrong one, the chat request gets 401 and the provider is not called")
    void withoutTheTokenItIsRefused() {
        String prompt = "vpai openclaw flow refused " + UUID.randomUUID();
        List<Observation> seen = AccessProber.send(target, vpnClient, List.of(
                chat(prompt, Optional.empty(), "no token"), chat(prompt, Optional.of("wrong-" + UUID.randomUUID()),
                        "a wrong token")));
        assertThat(seen).as("chat requests without the gateway token and with a wrong one")
                .extracting(Observation::status).containsExactly(401, 401);
        assertThat(ProviderLedger.read(target).callsMentioning(prompt)).as("provider calls for refused requests").isEmpty();
    }

    /**
     * HTTP/1.1: an upgrade does not exist in HTTP/2, where curl would otherwise go. Once switched, the gateway holds
     * the socket open and curl reads on until its bound, whatever came back: the 101 arrives in the first bytes, so
     * the handshake's bound is 2 s instead of a request's 5 s. A switch slower than that fails the 101 assertion,
     * never passes it.
     */
    private Request webSocket() {
        return Request.https(gateway, "/").withVariant("as a WebSocket handshake", List.of("--max-time", "2", "--http1.1",
                "-H", "Connection: Upgrade", "-H", "Upgrade: websocket", "-H", "Sec-WebSocket-Version: 13",
                "-H", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="));
    }

    private Request plain() {
        return Request.https(gateway, "/").withVariant("without the upgrade", List.of("--http1.1"));
    }

    private Request chat(String prompt, Optional<String> token, String whose) {
        String body = "{\"model\":\"openclaw\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
        List<String> options = new ArrayList<>(List.of("--max-time", TURN_SECONDS, "-X", "POST",
                "-H", "Content-Type: application/json", "--data-binary", body));
        token.ifPresent(t -> options.addAll(List.of("-H", "Authorization: Bearer " + t)));
        return Request.https(host, "/v1/chat/completions").withVariant(token.isPresent() ? "with " + whose
                : "without a token", options);
    }

    private String token() {
        return secrets.secret(GATEWAY_TOKEN).orElseThrow(() -> new AssertionError("environment '" + target.name()
                + "' set no " + GATEWAY_TOKEN));
    }

    private String describe(String what, Observation seen) {
        return secrets.redact(what + " on " + target.name() + " got " + seen.describe());
    }
}
