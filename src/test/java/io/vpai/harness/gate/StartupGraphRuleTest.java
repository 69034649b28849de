package io.vpai.harness.gate;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.baseline.ArchitectureBaseline;
import io.vpai.harness.model.Dependency;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.vpai.harness.check.FindingsAssert.assertThatFindings;
import static io.vpai.harness.check.Status.PASS;
import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("Gate rule: the startup graph is section 7's")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.GATE_RULES)
class StartupGraphRuleTest {
    private final Stack vpai = VpaiStack.model();
    private final StartupGraphRule rule = new StartupGraphRule();

    @Test
    void theSeedModelHasExactlyTheSectionSevenGraph() {
        assertThat(StartupGraphRule.edges(vpai)).containsExactlyInAnyOrderElementsOf(ArchitectureBaseline.STARTUP_EDGES);
        assertThatFindings(rule.evaluate(vpai)).allPass()
                .hasFinding(PASS, "startup graph", "is acyclic")
                .hasFinding(PASS, "openclaw", "edge litellm -> openclaw: openclaw starts after litellm, as in the architecture baseline (section 7)");
    }

    @Test
    void aMissingSeedEdgeIsNamed() {
        Stack broken = vpai.withService("litellm", s -> s.withDependsOn(List.of(Dependency.healthy("postgresql"))));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("litellm", "edge redis -> litellm is missing in the model: litellm does not wait for redis; "
                        + "the architecture baseline (section 7) has it")
                .failsOnlyAbout("litellm");
    }

    @Test
    void anExtraEdgeIsNamed() {
        Stack broken = vpai.withService("openclaw", s -> {
            List<Dependency> more = new ArrayList<>(s.dependsOn());
            more.add(Dependency.healthy("postgresql"));
            return s.withDependsOn(more);
        });
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("openclaw", "extra edge postgresql -> openclaw: openclaw waits for postgresql in the model; "
                        + "the architecture baseline (section 7) has no such edge")
                .failsOnlyAbout("openclaw");
    }

    @Test
    void aCycleIsNamedWithItsPath() {
        Stack broken = vpai.withService("postgresql", s -> s.withDependsOn(List.of(Dependency.healthy("openclaw"))));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("postgresql", "depends_on cycle: postgresql -> openclaw -> litellm -> postgresql "
                        + "(each waits for the next), so none of them can start");
    }
}
