package io.vpai.harness.gate;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.Access;
import io.vpai.harness.model.Route;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.vpai.harness.check.FindingsAssert.assertThatFindings;
import static io.vpai.harness.check.Status.PASS;

@Tag("gate")
@DisplayName("Gate rule: every route is VPN-only except health and the webhook relay")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.GATE_RULES)
class VpnOnlyRoutesRuleTest {
    private final Stack vpai = VpaiStack.model();
    private final VpnOnlyRoutesRule rule = new VpnOnlyRoutesRule();

    @Test
    void theSeedModelIsVpnOnlyExceptHealthAndTheWebhookRelay() {
        assertThatFindings(rule.evaluate(vpai)).allPass()
                .hasFinding(PASS, "llm.ewutelo.cloud/", "route 'llm.ewutelo.cloud/' is VPN-only (-> litellm:4000)")
                .hasFinding(PASS, "ewutelo.cloud/health", "route 'ewutelo.cloud/health' is PUBLIC, as declared")
                .hasFinding(PASS, "mayi.ewutelo.cloud/webhook/",
                        "route 'mayi.ewutelo.cloud/webhook/' is PUBLIC, as declared (-> n8n:5678)");
    }

    @Test
    void aWholeServiceMadePublicFails() {
        Stack broken = withRoutes(vpai.proxy().routes().stream()
                .map(r -> r.host().equals(VpaiStack.LITELLM_HOST) ? r.withAccess(Access.PUBLIC) : r).toList());
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("llm.ewutelo.cloud/", "route 'llm.ewutelo.cloud/' is PUBLIC and exposes the whole of service "
                        + "'litellm'; the seed makes only health and webhook paths public")
                .failsOnlyAbout("llm.ewutelo.cloud/");
    }

    @Test
    void aRouteToAHostWithoutARecordFails() {
        List<Route> routes = new ArrayList<>(vpai.proxy().routes());
        routes.add(Route.proxy("vm.ewutelo.cloud", "grafana", 3000, Access.VPN_ONLY));
        assertThatFindings(rule.evaluate(withRoutes(routes)))
                .hasFailure("vm.ewutelo.cloud/", "route 'vm.ewutelo.cloud/': host vm.ewutelo.cloud has no tailnet DNS "
                        + "record, so VPN clients cannot reach it")
                .failsOnlyAbout("vm.ewutelo.cloud/");
    }

    private Stack withRoutes(List<Route> routes) {
        return vpai.withProxy(vpai.proxy().withRoutes(routes));
    }
}
