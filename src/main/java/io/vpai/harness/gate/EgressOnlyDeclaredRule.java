package io.vpai.harness.gate;

import io.vpai.harness.baseline.ArchitectureBaseline;
import io.vpai.harness.check.Finding;
import io.vpai.harness.model.Network;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Outbound internet access is a declared need, not a side effect of network membership: a service
 * on an egress network without {@code needsEgress} can exfiltrate, and one that needs egress but
 * has no egress network breaks at its first API call. The declared set must also be the seed's.
 */
public final class EgressOnlyDeclaredRule implements GateRule {
    public static final String ID = "egress.only-declared";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "exactly the services declaring needsEgress (the seed: n8n, LiteLLM, OpenClaw) are on an egress network";
    }

    @Override
    public List<Finding> evaluate(Stack stack) {
        Set<String> egressNetworks = stack.networks().stream().filter(Network::egress).map(Network::name)
                .collect(Collectors.toCollection(TreeSet::new));
        List<Finding> findings = new ArrayList<>();
        if (egressNetworks.isEmpty()) {
            findings.add(Finding.fail(ID, "egress", "no network is marked egress, so no service can call out"));
        }
        for (Service service : stack.services()) {
            List<String> onEgress = service.networkNames().stream().filter(egressNetworks::contains).toList();
            findings.add(judge(service, onEgress, egressNetworks));
        }
        Set<String> declared = stack.services().stream().filter(Service::needsEgress).map(Service::name)
                .collect(Collectors.toCollection(TreeSet::new));
        for (String expected : new TreeSet<>(ArchitectureBaseline.EGRESS_SERVICES)) {
            if (!declared.contains(expected) && stack.service(expected).isPresent()) {
                findings.add(Finding.fail(ID, expected, "service '" + expected
                        + "' does not declare needsEgress in the model; " + ArchitectureBaseline.says("sections 1-2")
                        + " draws it calling the internet"));
            }
        }
        for (String name : declared) {
            if (!ArchitectureBaseline.EGRESS_SERVICES.contains(name)) {
                findings.add(Finding.fail(ID, name, "service '" + name + "' declares needsEgress in the model; "
                        + ArchitectureBaseline.says("sections 1-2") + " gives egress only to " + new TreeSet<>(ArchitectureBaseline.EGRESS_SERVICES)));
            }
        }
        return findings;
    }

    private static Finding judge(Service service, List<String> onEgress, Set<String> egressNetworks) {
        String name = service.name();
        if (!onEgress.isEmpty() && !service.needsEgress()) {
            return Finding.fail(ID, name, "service '" + name + "' is on egress network " + onEgress
                    + " but does not declare needsEgress");
        }
        if (onEgress.isEmpty() && service.needsEgress() && !service.networks().isEmpty()) {
            return Finding.fail(ID, name, "service '" + name + "' declares needsEgress but is on no egress network "
                    + egressNetworks + " (its networks: " + service.networkNames() + ")");
        }
        if (service.needsEgress() && onEgress.isEmpty()) {
            return Finding.pass(ID, name, "service '" + name + "' declares needsEgress and joins no stack network");
        }
        if (service.needsEgress()) {
            return Finding.pass(ID, name, "service '" + name + "' needs egress and is on " + onEgress);
        }
        return Finding.pass(ID, name, "service '" + name + "' has no egress network");
    }
}
