package io.vpai.harness.specs;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.environment.FixtureNetwork;
import io.vpai.harness.environment.TailnetFixture;
import io.vpai.harness.model.Ipv4;
import io.vpai.harness.model.Service;
import io.vpai.harness.engine.ContainerState;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.environment.Fixture;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.target.Target;
import org.opentest4j.TestAbortedException;
import io.vpai.harness.support.RequiresDocker;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ground every other spec stands on: the stack is up and the fixtures answer where, and only where, they should. */
@Tag("stack")
@RequiresDocker
@DisplayName("The test environment: every service healthy, fixtures only on their own networks")
@Epic(Behaviors.CONFORMANCE)
@Feature(Behaviors.TEST_ENVIRONMENT)
@Story("Services up, fixtures fenced")
class EnvironmentSpec {
    private static final Duration PROBE = Duration.ofSeconds(10);

    @TestFactory
    Stream<DynamicTest> everyServiceIsUpAndHealthy(Target stack) {
        var states = stack.states();
        return stack.model().services().stream().map(service -> DynamicTest.dynamicTest(
                service.name() + " is " + expected(service) + " (" + stack.fidelity(service.name()) + ")",
                () -> {
                    assertThat(states.get(service.name()))
                            .as("state of %s in project %s on %s", service.name(), stack.project(), stack.name())
                            .isEqualTo(expected(service));
                    // A stand-in answers its health check by construction: up, yes; healthy as the component, unknown.
                    Assumptions.assumeFalse(stack.fidelity(service.name()) == Fidelity.STAND_IN, service.name()
                            + " is up, but it is a stand-in on " + stack.name() + ": its health check proves nothing"
                            + " about the real component");
                }));
    }

    private static ContainerState expected(Service service) {
        return service.healthCheck().isPresent() ? ContainerState.HEALTHY : ContainerState.RUNNING;
    }

    @TestFactory
    @DisplayName("the fixtures answer where they stand, and tailnet addresses are reached only through the mesh")
    Stream<DynamicTest> fixturesAnswerOnlyOnTheirOwnNetwork(Target stack) {
        Fixtures fixtures = stack.fixtures().orElseThrow(() -> new TestAbortedException("environment '" + stack.name()
                + "' has no fixture networks"));
        TailnetFixture tailnet = fixtures.tailnet();
        FixtureNetwork internet = fixtures.internet();
        String name = stack.model().dns().vpnOnly().get(0).name();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("VPN client node → MagicDNS " + tailnet.resolver() + " answers",
                () -> assertThat(dig(stack, Fixture.VPN_CLIENT, tailnet.resolver(), name).output())
                        .as("dig @%s %s from the VPN client", tailnet.resolver(), name).isNotBlank()));
        tests.add(DynamicTest.dynamicTest("internet client → public resolver " + internet.resolver() + " answers",
                () -> assertThat(dig(stack, Fixture.INTERNET_CLIENT, internet.resolver(), name).output())
                        .as("dig @%s %s from the internet client", internet.resolver(), name).isNotBlank()));
        tests.add(DynamicTest.dynamicTest("VPN client node → Caddy through the VPS node " + tailnet.proxy() + ":80 connects",
                () -> assertThat(connect(stack, Fixture.VPN_CLIENT, tailnet.proxy(), 80).ok()).isTrue()));
        tests.add(DynamicTest.dynamicTest("VPN client node → the VPS node " + tailnet.proxy() + ":5432 (not forwarded) is refused",
                () -> assertThat(connect(stack, Fixture.VPN_CLIENT, tailnet.proxy(), 5432).ok()).isFalse()));
        tests.add(DynamicTest.dynamicTest("internet client → Caddy " + internet.proxy() + ":80 connects",
                () -> assertThat(connect(stack, Fixture.INTERNET_CLIENT, internet.proxy(), 80).ok()).isTrue()));
        tests.add(DynamicTest.dynamicTest("the internet client, no node, is never let near a tailnet address ("
                        + tailnet.proxy() + " would leave the machine by the host's default route)",
                () -> assertThatThrownBy(() -> connect(stack, Fixture.INTERNET_CLIENT, tailnet.proxy(), 80))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("refusing to probe " + tailnet.proxy())
                        .hasMessageContaining("reachable only from a node")));
        return tests.stream();
    }

    private static ShellResult dig(Target stack, Fixture from, String server, String name) {
        stack.guard().requireReachable(from.service(), Ipv4.parse(server), "probe", "dig from " + from.service());
        return stack.probeFrom(from.service(), "out=$(dig +short +time=1 +tries=1 @" + server + " " + name
                + ") && [ -n \"$out\" ] && echo \"$out\"", PROBE);
    }

    private static ShellResult connect(Target stack, Fixture from, String address, int port) {
        stack.guard().requireReachable(from.service(), Ipv4.parse(address), "probe", "nc from " + from.service());
        return stack.probeFrom(from.service(), "nc -z -w 1 " + address + " " + port, PROBE);
    }
}
