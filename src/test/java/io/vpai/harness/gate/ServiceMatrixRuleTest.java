package io.vpai.harness.gate;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.Attachment;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.vpai.harness.check.FindingsAssert.assertThatFindings;
import static io.vpai.harness.check.Status.PASS;
import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("Gate rule: services sit on the Service Matrix's networks and ports")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.GATE_RULES)
class ServiceMatrixRuleTest {
    private static final java.time.LocalDate BEFORE_EXPIRY = java.time.LocalDate.of(2026, 3, 1);
    private final Stack vpai = VpaiStack.model();
    private final ServiceMatrixRule rule = new ServiceMatrixRule();

    @Test
    void theModelIsTheServiceMatrix() {
        assertThatFindings(rule.evaluate(vpai)).allPass()
                .hasFinding(PASS, "grafana", "grafana is on frontend, monitoring with ports [3000], as in the "
                        + "architecture baseline (Service Matrix)")
                .hasFinding(PASS, "diun", "diun is on no network with ports []");
    }

    @Test
    void grafanaOnBackendFailsNamingTheMembershipAndTheBaseline() {
        Stack broken = vpai.withService("grafana", s -> s.withAttachment(new Attachment("backend", "172.20.2.11")));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("grafana:backend", "grafana is on backend in the model; the architecture baseline "
                        + "(Service Matrix) has it on frontend, monitoring")
                .failsOnlyAbout("grafana:backend");
        // The whole gate fails too, and that finding is what it says.
        GateReport report = Gate.run(broken, BEFORE_EXPIRY);
        assertThat(report.passed()).isFalse();
        assertThat(report.summary()).contains("FAIL    matrix.service-networks [grafana:backend]");
    }

    @Test
    void grafanaMovedFromFrontendToBackendFailsBothWays() {
        Stack broken = vpai.withService("grafana", s -> s.withoutNetwork("frontend")
                .withAttachment(new Attachment("backend", "172.20.2.11")));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("grafana:backend", "grafana is on backend in the model; the architecture baseline "
                        + "(Service Matrix) has it on frontend, monitoring")
                .hasFailure("grafana:frontend", "grafana is not on frontend in the model; the architecture baseline "
                        + "(Service Matrix) has it on frontend, monitoring")
                .failsOnlyAbout("grafana:backend", "grafana:frontend");
    }

    @Test
    void aPortOtherThanTheMatrixsFails() {
        Stack broken = vpai.withService("loki", s -> new io.vpai.harness.model.Service(s.name(), s.displayName(),
                s.image(), s.networks(), List.of(3101), s.published(), s.healthCheck(), s.dependsOn(), s.volumes(),
                s.environment(), s.command(), s.data(), s.needsEgress()));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("loki:ports", "loki listens on [3101] in the model; the architecture baseline "
                        + "(Service Matrix) gives it [3100]")
                .failsOnlyAbout("loki:ports");
    }

    @Test
    void aServiceTheMatrixDoesNotHaveFails() {
        Stack broken = vpai.withServices(vpai.services().stream().filter(s -> !s.name().equals("redis")).toList());
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("redis", "redis is not in the model; the architecture baseline (Service Matrix) has it on backend")
                .failsOnlyAbout("redis");
    }
}
