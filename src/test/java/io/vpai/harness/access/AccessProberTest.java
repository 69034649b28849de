package io.vpai.harness.access;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.Ipv4;
import io.vpai.harness.target.NetworkGuard;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.vpai.harness.access.OfflineFixtures.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The safety rule and the script the fixture clients run. */
@Tag("gate")
@DisplayName("Access prober")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.ACCESS_PROBES)
class AccessProberTest {
    private final Fixtures fixtures = OfflineFixtures.fixtures();
    private final NetworkGuard guard = new NetworkGuard("offline",
            List.of(fixtures.tailnet().subnet(), fixtures.internet().subnet()));

    @Test
    void requestsGoOnlyIntoTheHarnessNetworksOrFromTheJvmToLoopback() {
        AccessProber.requireAllowed(guard, Ingresses.internet(fixtures));
        AccessProber.requireAllowed(guard, Ingresses.internetViaPublishedPort(MODEL, fixtures));
        AccessProber.requireAllowed(guard, Ingresses.hostLoopback(MODEL));
        Ipv4 production = Ipv4.parse(MODEL.host("sese-ai").orElseThrow().publicAddress().orElseThrow());
        Ipv4 client = Ipv4.parse("198.51.100.20");
        Ingress toProduction = new Ingress("internet", "fixture-internet-client", client, production, client, false);
        assertThatThrownBy(() -> AccessProber.requireAllowed(guard, toProduction))
                .hasMessage("refusing to send a request to 137.74.114.167 (from fixture-internet-client): not inside a "
                        + "network of environment 'offline' " + guard.networks());
        Ipv4 outward = Ipv4.parse("198.51.100.10");
        Ingress jvmOutward = new Ingress("jvm", Ingress.TEST_JVM, Ipv4.parse("127.0.0.1"), outward, outward, false);
        assertThatThrownBy(() -> AccessProber.requireAllowed(guard, jvmOutward))
                .hasMessageContaining("refusing to send a request to 198.51.100.10 (from test JVM)")
                .hasMessageContaining("only talks to loopback");
    }

    @Test
    void theScriptRunsEveryRequestInTheBackgroundWithQuotedArguments() {
        AccessExpectations expectations = new AccessExpectations(MODEL);
        List<AccessCase> cases = expectations.bypassAttempts(Ingresses.internet(fixtures), Ingresses.tailnet(fixtures))
                .subList(0, 2);
        String script = AccessProber.script(cases, AccessProber.TIMEOUT_SECONDS);
        assertThat(script).contains("'--max-time' '5'").doesNotContain("'--max-time' '2'");
        assertThat(AccessProber.script(cases, 2)).as("a spec's own bound, for every request of the batch")
                .contains("'--max-time' '2'").doesNotContain("'--max-time' '5'");
        assertThat(script).contains("'-H' 'X-Forwarded-For: 100.64.0.2'", "'--resolve' 'javisi.ewutelo.cloud:443:198.51.100.10'",
                "-w '%{http_code}'", "grep -i '^X-Vpai-Standin:'", "& requests=", "wait $requests\n", "seq 0 1",
                "nc -N -l 127.0.0.1 ", "echo \"control $(curl");
        assertThat(AccessProber.quote("it's")).isEqualTo("'it'\\''s'");
    }
}
