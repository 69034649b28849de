package io.vpai.harness.gate;

import io.vpai.harness.baseline.ArchitectureBaseline;
import io.vpai.harness.check.Finding;
import io.vpai.harness.model.Network;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;

import java.util.ArrayList;
import java.util.List;

/**
 * Only two kinds of network may have a route out of the host: the frontend, which carries the
 * proxy's published ports (Docker cannot publish through an internal network), and egress networks,
 * which exist for outbound calls. Every other network must be internal. For the seed that means
 * backend and monitoring — and any network added later is internal unless it is one of those two.
 */
public final class NetworkInternalRule implements GateRule {
    public static final String ID = "network.internal";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "every network except the proxy's frontend and egress networks is internal";
    }

    @Override
    public List<Finding> evaluate(Stack stack) {
        List<Finding> findings = new ArrayList<>();
        String proxy = stack.proxy().service();
        String frontend = ArchitectureBaseline.FRONTEND_NETWORK;
        if (stack.network(frontend).isEmpty()) {
            findings.add(Finding.fail(ID, frontend, "the seed's frontend network '" + frontend + "' is not declared"));
        }
        for (Network network : stack.networks()) {
            findings.add(judge(stack, network, proxy, frontend));
        }
        return findings;
    }

    private static Finding judge(Stack stack, Network network, String proxy, String frontend) {
        String name = network.name();
        String where = "network '" + name + "' (" + network.subnet() + ")";
        if (name.equals(frontend)) {
            boolean holdsProxy = stack.service(proxy).map(s -> s.isOn(name)).orElse(false);
            if (!holdsProxy) {
                return Finding.fail(ID, name, where + " is the frontend but the proxy '" + proxy + "' is not on it");
            }
            if (network.internal()) {
                return Finding.fail(ID, name, where + " is the frontend but is internal: Docker cannot publish "
                        + proxy + "'s ports through it");
            }
            return Finding.pass(ID, name, where + " is the frontend bridge holding " + proxy);
        }
        if (network.egress()) {
            return Finding.pass(ID, name, where + " is an egress network, not internal by design");
        }
        if (!network.internal()) {
            return Finding.fail(ID, name, where + " is not internal; only the frontend '" + frontend
                    + "' and egress networks may route out, so its members " + members(stack, name)
                    + " could reach the internet");
        }
        return Finding.pass(ID, name, where + " is internal");
    }

    private static List<String> members(Stack stack, String network) {
        return stack.services().stream().filter(s -> s.isOn(network)).map(Service::name).toList();
    }
}
