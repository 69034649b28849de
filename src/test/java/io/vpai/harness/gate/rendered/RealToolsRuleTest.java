package io.vpai.harness.gate.rendered;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.check.Finding;
import io.vpai.harness.check.Status;
import io.vpai.harness.gate.Gate;
import io.vpai.harness.gate.GateReport;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 9, item 7.6: a missing real tool is a skip that says why, and under CI a failure naming the tool. */
@Tag("gate")
@DisplayName("A missing real tool is a skip with its reason, and a failure under CI")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.REAL_TOOLS)
class RealToolsRuleTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 1, 15);
    private final Stack vpai = VpaiStack.model();

    @Test
    void withoutTheToolsEachCheckIsSkippedWithItsReason() {
        List<Finding> findings = new RealToolsRule(false, "").evaluate(vpai);

        assertThat(findings).extracting(Finding::status).containsOnly(Status.SKIPPED).hasSize(4);
        assertThat(findings).extracting(Finding::message).containsExactly(
                "not checked: neither 'docker compose' nor 'docker-compose' is installed (install docker-compose to run it)",
                "not checked: neither 'docker compose' nor 'docker-compose' is installed (install docker-compose to run it)",
                "not checked: caddy is not installed (.ci/provision builds it) (install caddy to run it)",
                "not checked: headscale is not installed (.ci/provision builds it) (install headscale to run it)");
    }

    @Test
    void theGateSummaryPrintsEverySkipReason() {
        GateReport report = new Gate(List.of(new RealToolsRule(false, ""))).evaluate(vpai, TODAY);

        assertThat(report.passed()).isTrue();
        assertThat(report.summary())
                .contains("Skipped findings (not checked):")
                .contains("SKIPPED render.real-tools [sese-ai/docker-compose.yml]")
                .contains("SKIPPED render.real-tools [sese-ai/caddy/Caddyfile]")
                .contains("        not checked: caddy is not installed (.ci/provision builds it) (install caddy to run it)")
                .contains("SKIPPED render.real-tools [seko-vpn/headscale/config/config.yaml]")
                .contains("4 skipped. Gate PASSED.");
    }

    @Test
    void underCiAMissingToolFailsNamingIt() {
        GateReport report = new Gate(List.of(new RealToolsRule(true, ""))).evaluate(vpai, TODAY);

        assertThat(report.passed()).isFalse();
        assertThat(report.findings()).extracting(Finding::status).containsOnly(Status.FAIL);
        assertThat(report.findings()).extracting(Finding::message).contains(
                "missing tool caddy: caddy is not installed (.ci/provision builds it) (CI=true: the real-tool check must run)",
                "missing tool headscale: headscale is not installed (.ci/provision builds it) (CI=true: the real-tool check must run)",
                "missing tool docker-compose: neither 'docker compose' nor 'docker-compose' is installed "
                        + "(CI=true: the real-tool check must run)");
        assertThat(report.summary()).contains("Gate FAILED.");
    }

    @Test
    void ciIsOnlyTheValueTrue() {
        assertThat(RealToolsRule.isCi("true")).isTrue();
        assertThat(RealToolsRule.isCi("TRUE")).isTrue();
        assertThat(RealToolsRule.isCi(null)).isFalse();
        assertThat(RealToolsRule.isCi("false")).isFalse();
        assertThat(RealToolsRule.isCi("")).isFalse();
    }
}
