package io.vpai.harness.specs;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.check.Finding;
import io.vpai.harness.gate.Gate;
import io.vpai.harness.gate.GateReport;
import io.vpai.harness.gate.GateRule;
import io.vpai.harness.gate.RuleResult;
import io.vpai.harness.model.Attachment;
import io.vpai.harness.model.ModelValidator;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The gate's model rules, in the nightly run: the model judged against the architecture baseline
 * (and the gate's other rules) with the model's waivers, one test per rule. Tagged {@code stack} so
 * {@code mvn verify -Pnightly} runs it, and {@code gate} so the fast suite does; it needs no Docker.
 */
@Tag("gate")
@Tag("stack")
@DisplayName("The model against the architecture")
@Epic(Behaviors.CONFORMANCE)
@Feature(Behaviors.PRE_DEPLOY_GATE)
@Story("The gate's model rules in the nightly")
class ModelAgainstArchitectureSpec {

    @TestFactory
    Stream<DynamicTest> everyModelRuleOfTheGatePasses() {
        Stack model = ModelValidator.validate(VpaiStack.model());
        GateReport report = Gate.standard().evaluate(model, LocalDate.now());
        Stream<DynamicTest> rules = Gate.standard().rules().stream().map(rule -> dynamicTest(sentence(rule),
                () -> failIfFailing(result(report, rule.id()).findings())));
        // waiver.unmatched and the like are owned by no rule: they fail the gate all the same.
        Stream<DynamicTest> others = report.rules().stream()
                .filter(r -> Gate.standard().rules().stream().noneMatch(g -> g.id().equals(r.id())))
                .map(r -> dynamicTest(r.id() + ": " + r.description(), () -> failIfFailing(r.findings())));
        return Stream.concat(rules, others);
    }

    @Test
    void grafanaOnBackendMakesTheSameEvaluationFail() {
        Stack broken = ModelValidator.validate(VpaiStack.model()
                .withService("grafana", s -> s.withAttachment(new Attachment("backend", "172.20.2.11"))));
        GateReport report = Gate.standard().evaluate(broken, LocalDate.now());
        List<Finding> failing = result(report, "matrix.service-networks").findings().stream().filter(Finding::failed).toList();

        assertThat(report.passed()).isFalse();
        assertThat(failing).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("grafana:backend");
            assertThat(f.message()).isEqualTo("grafana is on backend in the model; the architecture baseline "
                    + "(Service Matrix) has it on frontend, monitoring");
        });
        assertThatThrownBy(() -> failIfFailing(failing)).hasMessageContaining("grafana:backend");
    }

    private static String sentence(GateRule rule) {
        return rule.id() + ": " + rule.description();
    }

    private static RuleResult result(GateReport report, String id) {
        return report.rules().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("the gate reported nothing for rule " + id));
    }

    private static void failIfFailing(List<Finding> findings) {
        List<Finding> failing = findings.stream().filter(Finding::failed).toList();
        if (!failing.isEmpty()) {
            fail(failing.size() + " failing finding(s):\n"
                    + failing.stream().map(Finding::toString).collect(Collectors.joining("\n")));
        }
    }
}
