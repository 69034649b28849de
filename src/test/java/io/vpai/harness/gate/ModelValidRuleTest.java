package io.vpai.harness.gate;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.Dependency;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.vpai.harness.check.FindingsAssert.assertThatFindings;
import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("Gate rule: the model is valid")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.GATE_RULES)
class ModelValidRuleTest {
    private final Stack vpai = VpaiStack.model();
    private final ModelValidRule rule = new ModelValidRule();

    @Test
    void theSeedModelIsValid() {
        assertThatFindings(rule.evaluate(vpai)).allPass();
    }

    @Test
    void aValidatorProblemIsAFailureAboutTheElementItNames() {
        Stack broken = vpai.withService("openclaw", s -> s.withDependsOn(List.of(Dependency.healthy("litelm"))));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("openclaw", "service 'openclaw': depends on unknown service 'litelm'")
                .failsOnlyAbout("openclaw");
    }

    @Test
    void theElementIsRecoveredFromEachKindOfProblem() {
        assertThat(ModelValidRule.subjectOf("route x.ewutelo.cloud/: upstream service 'nextcloud' is not declared"))
                .isEqualTo("x.ewutelo.cloud/");
        assertThat(ModelValidRule.subjectOf("record llm.ewutelo.cloud: VPN-only name answers 1.2.3.4")).isEqualTo("llm.ewutelo.cloud");
        assertThat(ModelValidRule.subjectOf("network 'backend' is declared twice")).isEqualTo("backend");
        assertThat(ModelValidRule.subjectOf("startup order has a cycle: a -> b -> a")).isEqualTo("startup graph");
        assertThat(ModelValidRule.subjectOf("restic job: bucket 'x' is not declared")).isEqualTo("restic");
        assertThat(ModelValidRule.subjectOf("something new")).isEqualTo("model");
    }
}
