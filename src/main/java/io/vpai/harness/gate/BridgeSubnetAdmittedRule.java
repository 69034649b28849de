package io.vpai.harness.gate;

import io.vpai.harness.check.Finding;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Network;
import io.vpai.harness.model.Stack;

import java.util.ArrayList;
import java.util.List;

/**
 * vpn_only decides by source address. Traffic that reaches a published port through Docker's
 * userland proxy (host-local and IPv6 clients; the seed's HTTP/3 path) arrives from the bridge
 * gateway, so an allow-list entry covering a Docker subnet admits those clients whatever their real
 * origin — verified on Docker 20.10 with Caddy (DESIGN.md, CI machine facts). The seed does this on
 * purpose; the model carries a waiver, so the risk stays visible in every report.
 */
public final class BridgeSubnetAdmittedRule implements GateRule {
    public static final String ID = "acl.bridge-subnet-admitted";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "the vpn_only allow-list admits no Docker network subnet (whose gateway fronts userland-proxy traffic)";
    }

    @Override
    public List<Finding> evaluate(Stack stack) {
        List<Finding> findings = new ArrayList<>();
        String proxy = stack.proxy().service();
        for (Cidr entry : stack.proxy().vpnOnlyAllowList()) {
            List<Finding> overlaps = new ArrayList<>();
            for (Network network : stack.networks()) {
                if (entry.overlaps(network.subnet())) {
                    boolean proxyOnIt = stack.service(proxy).map(s -> s.isOn(network.name())).orElse(false);
                    overlaps.add(Finding.fail(ID, entry.toString(), "vpn_only allow-list entry " + entry
                            + " overlaps Docker network '" + network.name() + "' (" + network.subnet() + ")"
                            + (proxyOnIt
                            ? ": every request reaching " + proxy + " through Docker's userland proxy comes from "
                            + network.gateway() + " and is admitted as if from the VPN"
                            : ": any container or host path using that network is admitted as if from the VPN")));
                }
            }
            if (overlaps.isEmpty()) {
                findings.add(Finding.pass(ID, entry.toString(), "vpn_only allow-list entry " + entry
                        + " overlaps no Docker network"));
            }
            findings.addAll(overlaps);
        }
        return findings;
    }
}
