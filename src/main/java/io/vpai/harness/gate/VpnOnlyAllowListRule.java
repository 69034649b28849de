package io.vpai.harness.gate;

import io.vpai.harness.baseline.ArchitectureBaseline;
import io.vpai.harness.check.Finding;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Network;
import io.vpai.harness.model.Stack;

import java.util.ArrayList;
import java.util.List;

/**
 * vpn_only exists to admit the tailnet (seed 2.5: "NOT IN 100.64.0.0/10 → 403"), so every other
 * allow-list entry is a failure about that entry, and only a waiver naming the entry can accept it.
 * The seed's own second entry, the frontend bridge subnet, is such a case: traffic reaching a
 * published port through Docker's userland proxy (host-local and IPv6 clients, the seed's HTTP/3
 * path) arrives from the bridge gateway and is admitted whatever its real origin (DESIGN.md, CI
 * machine facts). The message says what else an entry lets in, Docker networks included.
 */
public final class VpnOnlyAllowListRule implements GateRule {
    public static final String ID = "acl.vpn-only-allow-list";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "the vpn_only allow-list admits only the tailnet " + ArchitectureBaseline.TAILNET_RANGE
                + "; any other entry fails unless a waiver names it";
    }

    @Override
    public List<Finding> evaluate(Stack stack) {
        Cidr tailnet = ArchitectureBaseline.TAILNET_RANGE;
        List<Cidr> allowList = stack.proxy().vpnOnlyAllowList();
        List<Finding> findings = new ArrayList<>();
        if (!allowList.contains(tailnet)) {
            findings.add(Finding.fail(ID, tailnet.toString(), "the vpn_only allow-list " + allowList
                    + " does not admit the tailnet " + tailnet + " that " + ArchitectureBaseline.says("section 2.5")
                    + " admits: VPN clients get 403"));
        }
        for (Cidr entry : allowList) {
            findings.add(entry.equals(tailnet)
                    ? Finding.pass(ID, entry.toString(), "vpn_only allow-list entry " + entry + " is the tailnet, as "
                    + ArchitectureBaseline.says("section 2.5") + " has it")
                    : Finding.fail(ID, entry.toString(), "vpn_only allow-list entry " + entry + " is in the model; "
                    + ArchitectureBaseline.says("section 2.5") + " admits only the tailnet " + tailnet
                    + dockerNetworks(stack, entry)));
        }
        return findings;
    }

    /** What an entry also admits through Docker: the proxy's bridges hand it userland-proxy traffic. */
    private static String dockerNetworks(Stack stack, Cidr entry) {
        String proxy = stack.proxy().service();
        List<String> parts = new ArrayList<>();
        for (Network network : stack.networks()) {
            if (!entry.overlaps(network.subnet())) {
                continue;
            }
            boolean proxyOnIt = stack.service(proxy).map(s -> s.isOn(network.name())).orElse(false);
            parts.add("overlaps Docker network '" + network.name() + "' (" + network.subnet() + ")" + (proxyOnIt
                    ? ": every request reaching " + proxy + " through Docker's userland proxy comes from "
                    + network.gateway() + " and is admitted as if from the VPN"
                    : ": any container or host path using that network is admitted as if from the VPN"));
        }
        return parts.isEmpty() ? "; it admits non-VPN sources" : "; it " + String.join("; it ", parts);
    }
}
