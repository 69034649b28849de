package io.vpai.harness.specs;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import io.vpai.harness.access.AccessProber;
import io.vpai.harness.access.Ingress;
import io.vpai.harness.access.Ingresses;
import io.vpai.harness.access.Observation;
import io.vpai.harness.access.Request;
import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.flow.ClientLogin;
import io.vpai.harness.flow.LlmRequests;
import io.vpai.harness.flow.RedisCache;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Value;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.support.RequiresDocker;
import io.vpai.harness.target.StackSecrets;
import io.vpai.harness.target.Target;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every real service refuses a caller without its credential and admits one with it: Redis answers NOAUTH, PostgreSQL
 * refuses a wrong password, LiteLLM answers 401 without its master key, n8n's API answers 401 without an API key.
 * Logins go from a client the model says uses the service, across the network they share; HTTP goes from the VPN
 * client through Caddy, the path a user takes. A stand-in accepts anyone, so its checks are skipped with that reason.
 */
@Tag("stack")
@RequiresDocker
@DisplayName("Authentication")
@Epic(Behaviors.CONFORMANCE)
@Feature(Behaviors.AUTHENTICATION)
@Story("Each service refuses a caller without its credential")
class AuthenticationSpec {
    private static final String POSTGRES = "postgresql";
    private static final String N8N = "n8n";
    /** n8n's own start period in the model: the longest it may take to serve its API after its health check. */
    private static final Duration API_MOUNTED = Duration.ofSeconds(120);

    @TestFactory
    @DisplayName("Redis: PING without AUTH gets NOAUTH, with a wrong password WRONGPASS, with the password PONG")
    Stream<DynamicTest> redis(Target target) {
        real(target, RedisCache.REDIS);
        StackSecrets secrets = secrets(target);
        ClientLogin.Pair pair = ClientLogin.clientOf(target.model(), RedisCache.REDIS);
        String password = secret(target, secrets, RedisCache.passwordVariable(target.model()));
        return Stream.of(
                login(pair, "without a password is refused", secrets, false,
                        () -> ClientLogin.redis(target, pair, Optional.empty())),
                login(pair, "with a wrong password is refused", secrets, false,
                        () -> ClientLogin.redis(target, pair, Optional.of(wrong()))),
                login(pair, "with the run's password is admitted", secrets, true,
                        () -> ClientLogin.redis(target, pair, Optional.of(password))));
    }

    @TestFactory
    @DisplayName("PostgreSQL: a wrong or missing password is refused, the right one admitted")
    Stream<DynamicTest> postgres(Target target) {
        real(target, POSTGRES);
        StackSecrets secrets = secrets(target);
        ClientLogin.Pair pair = ClientLogin.clientOf(target.model(), POSTGRES);
        Service postgres = target.model().requireService(POSTGRES);
        String user = ((Value.Literal) postgres.environment().get("POSTGRES_USER")).text();
        String password = secret(target, secrets,
                ((Value.Variable) postgres.environment().get("POSTGRES_PASSWORD")).name());
        return Stream.of(
                login(pair, "as " + user + " without a password is refused", secrets, false,
                        () -> ClientLogin.postgres(target, pair, user, Optional.empty())),
                login(pair, "as " + user + " with a wrong password is refused", secrets, false,
                        () -> ClientLogin.postgres(target, pair, user, Optional.of(wrong()))),
                login(pair, "as " + user + " with the run's password is admitted", secrets, true,
                        () -> ClientLogin.postgres(target, pair, user, Optional.of(password))));
    }

    @TestFactory
    @DisplayName("LiteLLM through Caddy: without a key the model list gets 401, with the master key 200")
    Stream<DynamicTest> litellm(Target target) {
        real(target, LlmRequests.LITELLM);
        StackSecrets secrets = secrets(target);
        String host = LlmRequests.host(target.model());
        String master = secret(target, secrets, "LITELLM_MASTER_KEY");
        List<Request> requests = List.of(LlmRequests.models(host, Optional.empty(), "no key"),
                LlmRequests.models(host, Optional.of(master), "the master key"));
        List<Observation> seen = AccessProber.send(target, vpnClient(target), requests);
        return Stream.of(
                answered(requests.get(0), seen.get(0), 401, secrets),
                answered(requests.get(1), seen.get(1), 200, secrets));
    }

    /**
     * n8n's public API wants an {@code X-N8N-API-KEY}; none is issued in a fresh n8n, so the admitted twin is n8n
     * itself answering on the same route ({@code /healthz}): the 401 comes from n8n, not from a dead upstream.
     */
    @TestFactory
    @DisplayName("n8n through Caddy: its API without an API key or with a wrong one gets 401, while n8n answers")
    Stream<DynamicTest> n8n(Target target) {
        real(target, N8N);
        String host = target.model().proxy().hostOf(N8N);
        List<Request> requests = List.of(Request.https(host, "/api/v1/workflows"),
                Request.https(host, "/api/v1/workflows").withVariant("with a wrong API key",
                        List.of("-H", "X-N8N-API-KEY: " + wrong())),
                Request.https(host, "/healthz"));
        Ingress client = vpnClient(target);
        // n8n's health check (/healthz) passes before n8n mounts its public API, which 404s until then.
        Awaitility.await("n8n on " + target.name() + " serves " + requests.get(0).path() + " (404 while it starts)")
                .atMost(API_MOUNTED).pollInterval(Duration.ofSeconds(2))
                .until(() -> AccessProber.send(target, client, requests.subList(0, 1)).get(0).status() != 404);
        List<Observation> seen = AccessProber.send(target, client, requests);
        return Stream.of(answered(requests.get(0), seen.get(0), 401, null),
                answered(requests.get(1), seen.get(1), 401, null),
                answered(requests.get(2), seen.get(2), 200, null));
    }

    private static DynamicTest login(ClientLogin.Pair pair, String how, StackSecrets secrets, boolean admitted,
                                     java.util.function.Supplier<ClientLogin.Answer> attempt) {
        return dynamicTest(pair.describe() + " " + how, () -> {
            ClientLogin.Answer answer = attempt.get();
            assertThat(answer.admitted()).as("%s %s; the server said: %s", pair.describe(), how,
                    secrets.redact(answer.said())).isEqualTo(admitted);
        });
    }

    private static DynamicTest answered(Request request, Observation seen, int status, StackSecrets secrets) {
        String name = "https://" + request.host().orElse("") + request.path() + request.variant().map(v -> " " + v)
                .orElse(" without a credential") + " → " + status;
        return dynamicTest(name, () -> {
            String said = secrets == null ? seen.describe() : secrets.redact(seen.describe());
            assertThat(seen.status()).as("%s from the VPN client got %s", name, said).isEqualTo(status);
        });
    }

    private static Ingress vpnClient(Target target) {
        return Ingresses.tailnetViaPublishedPort(target.model(), VpnOnlyAccessSpec.fixtures(target));
    }

    private static void real(Target target, String service) {
        Assumptions.assumeTrue(target.fidelity(service) == Fidelity.REAL, service + " is a stand-in on " + target.name()
                + ": a stand-in admits any caller, so whether the real " + service + " refuses one is not observed here");
    }

    private static StackSecrets secrets(Target target) {
        return target.capability(StackSecrets.class).orElseThrow(() -> new TestAbortedException("environment '"
                + target.name() + "' does not hand the harness its secrets (StackSecrets): the admitted twin of each "
                + "refusal needs the credential"));
    }

    private static String secret(Target target, StackSecrets secrets, String variable) {
        return secrets.secret(variable).orElseThrow(() -> new AssertionError("environment '" + target.name()
                + "' set no " + variable));
    }

    private static String wrong() {
        return "wrong-" + UUID.randomUUID();
    }
}
