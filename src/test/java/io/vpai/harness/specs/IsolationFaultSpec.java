package io.vpai.harness.specs;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.isolation.Expectation;
import io.vpai.harness.isolation.IsolationMatrix;
import io.vpai.harness.isolation.MatrixResult;
import io.vpai.harness.model.Network;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.support.Capabilities;
import io.vpai.harness.target.DestructiveAccess;
import io.vpai.harness.target.Target;
import org.opentest4j.TestAbortedException;
import io.vpai.harness.support.RequiresDocker;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The isolation spec can fail: a backend-only service connected to the egress network is caught (a fault: runs last). */
@Tag("stack")
@Tag("destructive")
@RequiresDocker
@DisplayName("Network isolation: a breach is caught")
@Epic(Behaviors.CONFORMANCE)
@Feature(Behaviors.NETWORK_ISOLATION)
@Story("A breach is caught")
class IsolationFaultSpec {
    /**
     * The spec can fail: connect a backend-only service to the egress network and its egress path must
     * show up as a violation; disconnect it and the whole matrix is green again.
     */
    @Test
    @DisplayName("redis connected to the egress network is caught reaching the internet sentinel")
    void aBackendOnlyServiceOnTheEgressNetworkIsCaught(Target stack) {
        DestructiveAccess access = Capabilities.destructive(stack, "connect redis to the egress network");
        Fixtures fixtures = stack.fixtures().orElseThrow(() -> new TestAbortedException("environment '" + stack.name()
                + "' has no internet fixture, so no sentinel to catch egress with"));
        LocalDate today = LocalDate.now();
        String service = "redis";
        Network egress = stack.model().networks().stream().filter(Network::egress).findFirst().orElseThrow();
        String network = stack.project() + "_" + egress.name();
        String sentinel = fixtures.internet().gateway();
        Predicate<Expectation> redisEgress = e -> e.kind() == Expectation.Kind.EGRESS && e.source().equals(service);

        MatrixResult before = IsolationMatrix.observe(stack, today, redisEgress);
        assertThat(before.verdicts()).as("%s's egress path before the change (environment %s)", service, stack.name())
                .singleElement().satisfies(v -> assertThat(v.violation()).as(v.finding().message()).isFalse());

        access.connect(service, egress.name());
        try {
            MatrixResult broken = IsolationMatrix.observe(stack, today, redisEgress);
            assertThat(broken.violations()).as("violations with %s on %s", service, network).singleElement()
                    .satisfies(v -> assertThat(v.finding().message())
                            .contains(service + " → " + Expectation.SENTINEL + " " + sentinel + ":")
                            .contains("to be unreachable but it connected")
                            .contains("environment " + stack.name()));
        } finally {
            access.disconnect(service, egress.name());
        }
        MatrixResult after = IsolationMatrix.observe(stack, today);
        assertThat(after.violations()).as("the whole matrix after disconnecting %s from %s", service, network)
                .extracting(v -> v.finding().message()).isEmpty();
    }
}
