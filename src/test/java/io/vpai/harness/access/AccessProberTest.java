package io.vpai.harness.access;

import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.Cidr;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.vpai.harness.access.OfflineFixtures.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The safety rule and the script the fixture clients run. */
@Tag("gate")
@DisplayName("Access prober")
class AccessProberTest {
    private final Fixtures fixtures = OfflineFixtures.fixtures();
    private final List<Cidr> probeable = List.of(fixtures.tailnet().subnet(), fixtures.internet().subnet());

    @Test
    void requestsGoOnlyIntoTheHarnessNetworksOrFromTheJvmToLoopback() {
        AccessProber.requireAllowed(probeable, "offline", Ingresses.internet(fixtures));
        AccessProber.requireAllowed(probeable, "offline", Ingresses.internetViaPublishedPort(MODEL, fixtures));
        AccessProber.requireAllowed(probeable, "offline", Ingresses.hostLoopback(MODEL));
        String production = MODEL.host("sese-ai").orElseThrow().publicAddress().orElseThrow();
        Ingress toProduction = new Ingress("internet", "fixture-internet-client", "198.51.100.20", production,
                "198.51.100.20", false);
        assertThatThrownBy(() -> AccessProber.requireAllowed(probeable, "offline", toProduction))
                .hasMessage("refusing to send a request to 137.74.114.167 from fixture-internet-client: not inside a "
                        + "network of environment 'offline'");
        Ingress jvmOutward = new Ingress("jvm", Ingress.TEST_JVM, "127.0.0.1", "198.51.100.10", "198.51.100.10", false);
        assertThatThrownBy(() -> AccessProber.requireAllowed(probeable, "offline", jvmOutward))
                .hasMessageContaining("only talks to loopback");
        assertThatThrownBy(() -> LoopbackHttps.send(Request.https("llm.ewutelo.cloud", "/"), production, Duration.ofSeconds(1)))
                .hasMessageContaining("only loopback");
    }

    @Test
    void theScriptRunsEveryRequestInTheBackgroundWithQuotedArguments() {
        AccessExpectations expectations = new AccessExpectations(MODEL);
        List<AccessCase> cases = expectations.bypassAttempts(Ingresses.internet(fixtures), Ingresses.tailnet(fixtures))
                .subList(0, 2);
        String script = AccessProber.script(cases);
        assertThat(script).contains("'-H' 'X-Forwarded-For: 100.64.0.2'", "'--resolve' 'javisi.ewutelo.cloud:443:198.51.100.10'",
                "-w '%{http_code}'", "grep -i '^X-Vpai-Standin:'", "& requests=", "wait $requests\n", "seq 0 1",
                "nc -N -l 127.0.0.1 ", "echo \"control $(curl");
        assertThat(AccessProber.quote("it's")).isEqualTo("'it'\\''s'");
    }
}
