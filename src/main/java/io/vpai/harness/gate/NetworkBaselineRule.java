package io.vpai.harness.gate;

import io.vpai.harness.baseline.ArchitectureBaseline;
import io.vpai.harness.baseline.BaselineNetwork;
import io.vpai.harness.check.Finding;
import io.vpai.harness.model.Network;
import io.vpai.harness.model.Stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The subnets are fixed addresses the allow-list, the static addresses and the firewall rely on, and
 * the internal flag is what keeps the data stores off the internet: each network must have the
 * architecture's subnet and flag. {@link NetworkInternalRule} judges the flag by principle; this one
 * by the document, so a model that changes both the flag and the principle's inputs is still caught.
 */
public final class NetworkBaselineRule implements GateRule {
    public static final String ID = "network.matches-baseline";
    private static final String NETWORKS = ArchitectureBaseline.says("sections 1-2");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "every network has the architecture's subnet and internal flag, and there are no others";
    }

    @Override
    public List<Finding> evaluate(Stack stack) {
        List<Finding> findings = new ArrayList<>();
        for (BaselineNetwork expected : ArchitectureBaseline.NETWORKS) {
            Optional<Network> network = stack.network(expected.name());
            if (network.isEmpty()) {
                findings.add(Finding.fail(ID, expected.name(), "network '" + expected.name() + "' is not in the model; "
                        + NETWORKS + " has it as " + expected.kind() + " " + expected.subnet()));
            } else {
                findings.addAll(judge(network.get(), expected));
            }
        }
        for (Network network : stack.networks()) {
            if (ArchitectureBaseline.network(network.name()).isEmpty()) {
                findings.add(Finding.fail(ID, network.name(), "network '" + network.name() + "' (" + network.subnet()
                        + ") is in the model; " + NETWORKS + " has no such network"));
            }
        }
        return findings;
    }

    private static List<Finding> judge(Network network, BaselineNetwork expected) {
        String name = network.name();
        String kind = network.internal() ? "internal" : "bridge";
        List<Finding> findings = new ArrayList<>();
        if (!network.subnet().equals(expected.subnet())) {
            findings.add(Finding.fail(ID, name, "network '" + name + "' has subnet " + network.subnet()
                    + " in the model; " + NETWORKS + " has " + expected.subnet()));
        }
        if (network.internal() != expected.internal()) {
            findings.add(Finding.fail(ID, name, "network '" + name + "' is " + kind + " in the model; " + NETWORKS
                    + " has it " + expected.kind()));
        }
        if (findings.isEmpty()) {
            findings.add(Finding.pass(ID, name, "network '" + name + "' is " + kind + " " + network.subnet()
                    + ", as in " + NETWORKS));
        }
        return findings;
    }
}
