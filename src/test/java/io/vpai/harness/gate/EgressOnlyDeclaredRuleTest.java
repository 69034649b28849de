package io.vpai.harness.gate;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.Attachment;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.vpai.harness.check.FindingsAssert.assertThatFindings;
import static io.vpai.harness.check.Status.PASS;

@Tag("gate")
@DisplayName("Gate rule: only the services that declare egress reach out")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.GATE_RULES)
class EgressOnlyDeclaredRuleTest {
    private final Stack vpai = VpaiStack.model();
    private final EgressOnlyDeclaredRule rule = new EgressOnlyDeclaredRule();

    @Test
    void inTheSeedModelN8nLiteLlmAndOpenClawAloneHaveEgress() {
        assertThatFindings(rule.evaluate(vpai)).allPass()
                .hasFinding(PASS, "n8n", "needs egress and is on [egress]")
                .hasFinding(PASS, "litellm", "needs egress and is on [egress]")
                .hasFinding(PASS, "openclaw", "needs egress and is on [egress]")
                .hasFinding(PASS, "postgresql", "has no egress network");
    }

    @Test
    void redisOnTheEgressNetworkFails() {
        Stack broken = vpai.withService("redis", s -> s.withAttachment(new Attachment("egress", "172.20.4.21")));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("redis", "service 'redis' is on egress network [egress] but does not declare needsEgress")
                .failsOnlyAbout("redis");
    }

    @Test
    void n8nWithoutItsEgressNetworkFails() {
        Stack broken = vpai.withService("n8n", s -> s.withoutNetwork("egress"));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("n8n", "service 'n8n' declares needsEgress but is on no egress network [egress] "
                        + "(its networks: [backend])");
    }

    @Test
    void aServiceTheSeedGivesNoEgressMustNotDeclareIt() {
        Stack broken = vpai.withService("qdrant", s -> new Service(s.name(), s.displayName(), s.image(),
                        s.networks(), s.ports(), s.published(), s.healthCheck(), s.dependsOn(), s.volumes(),
                        s.environment(), s.command(), s.data(), true)
                .withAttachment(new Attachment("egress", "172.20.4.22")));
        assertThatFindings(rule.evaluate(broken))
                .hasFailureContaining("qdrant", "service 'qdrant' declares needsEgress in the model; the architecture baseline (sections 1-2) gives egress only to "
                        + "[litellm, n8n, openclaw]")
                .failsOnlyAbout("qdrant");
    }
}
