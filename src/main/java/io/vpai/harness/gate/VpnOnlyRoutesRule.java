package io.vpai.harness.gate;

import io.vpai.harness.check.Finding;
import io.vpai.harness.model.Access;
import io.vpai.harness.model.Dns;
import io.vpai.harness.model.Route;
import io.vpai.harness.model.Stack;

import java.util.ArrayList;
import java.util.List;

/**
 * Every Caddy route sits behind vpn_only unless the model declares it PUBLIC, and the seed lets the
 * internet reach only health and the webhook relay. Those are path-scoped or answered by Caddy
 * itself, so a PUBLIC route that proxies a whole service ("/") is what a mistaken access flag looks
 * like. Every route's host must also resolve for the clients it is meant for: a VPN-only route needs
 * a tailnet record, a public one a public record — otherwise the route is dead configuration.
 */
public final class VpnOnlyRoutesRule implements GateRule {
    public static final String ID = "acl.vpn-only-routes";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "routes are VPN-only except the declared public health and webhook paths, and every route host resolves";
    }

    @Override
    public List<Finding> evaluate(Stack stack) {
        List<Finding> findings = new ArrayList<>();
        for (Route route : stack.proxy().routes()) {
            findings.add(resolution(stack.dns(), route));
            findings.add(access(route));
        }
        return findings;
    }

    private static Finding access(Route route) {
        String where = "route '" + route.id() + "'";
        if (route.access() == Access.VPN_ONLY) {
            return Finding.pass(ID, route.id(), where + " is VPN-only" + upstream(route));
        }
        if (route.service().isPresent() && route.path().equals("/")) {
            return Finding.fail(ID, route.id(), where + " is PUBLIC and exposes the whole of service '"
                    + route.service().get() + "'; the seed makes only health and webhook paths public");
        }
        return Finding.pass(ID, route.id(), where + " is PUBLIC, as declared" + upstream(route));
    }

    private static Finding resolution(Dns dns, Route route) {
        String where = "route '" + route.id() + "'";
        boolean vpnOnly = route.access() == Access.VPN_ONLY;
        boolean resolves = vpnOnly
                ? dns.tailnetRecord(route.host()).isPresent()
                : dns.publicRecord(route.host()).isPresent();
        String zone = vpnOnly ? "tailnet" : "public";
        if (!resolves) {
            return Finding.fail(ID, route.id(), where + ": host " + route.host() + " has no " + zone
                    + " DNS record, so " + (vpnOnly ? "VPN" : "internet") + " clients cannot reach it");
        }
        return Finding.pass(ID, route.id(), where + ": host " + route.host() + " has a " + zone + " DNS record");
    }

    private static String upstream(Route route) {
        return route.service().map(s -> " (-> " + s + ":" + route.port() + ")")
                .orElse(" (Caddy answers '" + route.respond().orElse("") + "')");
    }
}
