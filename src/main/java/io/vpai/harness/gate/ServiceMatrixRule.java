package io.vpai.harness.gate;

import io.vpai.harness.baseline.ArchitectureBaseline;
import io.vpai.harness.baseline.MatrixRow;
import io.vpai.harness.check.Finding;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Network membership is the isolation design: a service on one network too many reaches data it
 * must not, one network short breaks a dependency. The model must put each service exactly where the
 * architecture's Service Matrix does, with the matrix's ports; every membership that differs is its
 * own finding ({@code grafana:backend}), so a waiver could only ever accept that one membership.
 */
public final class ServiceMatrixRule implements GateRule {
    public static final String ID = "matrix.service-networks";
    private static final String MATRIX = ArchitectureBaseline.says("Service Matrix");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "every service's networks and ports equal the architecture's Service Matrix";
    }

    @Override
    public List<Finding> evaluate(Stack stack) {
        List<Finding> findings = new ArrayList<>();
        for (MatrixRow row : ArchitectureBaseline.SERVICE_MATRIX) {
            Optional<Service> service = stack.service(row.service());
            if (service.isEmpty()) {
                findings.add(Finding.fail(ID, row.service(), row.service() + " is not in the model; " + MATRIX
                        + " has it on " + row.networksText()));
            } else {
                findings.addAll(judge(service.get(), row));
            }
        }
        for (Service service : stack.services()) {
            if (ArchitectureBaseline.matrixRow(service.name()).isEmpty()) {
                findings.add(Finding.fail(ID, service.name(), service.name() + " is in the model on "
                        + service.networkNames() + "; " + MATRIX + " has no such service"));
            }
        }
        return findings;
    }

    private static List<Finding> judge(Service service, MatrixRow row) {
        String name = service.name();
        Set<String> model = new TreeSet<>(service.networkNames());
        List<Finding> findings = new ArrayList<>();
        for (String network : model) {
            if (!row.networks().contains(network)) {
                findings.add(Finding.fail(ID, name + ":" + network, name + " is on " + network + " in the model; "
                        + MATRIX + " has it on " + row.networksText()));
            }
        }
        for (String network : new TreeSet<>(row.networks())) {
            if (!model.contains(network)) {
                findings.add(Finding.fail(ID, name + ":" + network, name + " is not on " + network + " in the model; "
                        + MATRIX + " has it on " + row.networksText()));
            }
        }
        if (!service.ports().equals(row.ports())) {
            findings.add(Finding.fail(ID, name + ":ports", name + " listens on " + service.ports() + " in the model; "
                    + MATRIX + " gives it " + row.ports()));
        }
        if (findings.isEmpty()) {
            findings.add(Finding.pass(ID, name, name + " is on " + row.networksText() + " with ports " + row.ports()
                    + ", as in " + MATRIX));
        }
        return findings;
    }
}
