package io.vpai.harness.gate;

import io.vpai.harness.baseline.ArchitectureBaseline;
import io.vpai.harness.check.Finding;
import io.vpai.harness.baseline.Edge;
import io.vpai.harness.model.Dependency;
import io.vpai.harness.model.DependsOnCycle;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The compose depends_on graph must be startable (acyclic: Compose refuses a cycle only at
 * {@code up}) and must be exactly the seed's section 7 graph — a missing edge lets a service start
 * before its database, an extra one slows every start by a health-check interval per level.
 */
public final class StartupGraphRule implements GateRule {
    public static final String ID = "startup.acyclic-and-seed-graph";
    private static final Comparator<Edge> ORDER =
            Comparator.comparing(Edge::dependent).thenComparing(Edge::dependency);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "depends_on is acyclic and equals the architecture's section 7 startup graph";
    }

    @Override
    public List<Finding> evaluate(Stack stack) {
        List<Finding> findings = new ArrayList<>();
        DependsOnCycle.first(stack).ifPresentOrElse(
                path -> findings.add(Finding.fail(ID, path.get(0), "depends_on cycle: " + String.join(" -> ", path)
                        + " (each waits for the next), so none of them can start")),
                () -> findings.add(Finding.pass(ID, "startup graph", "depends_on graph of "
                        + stack.services().size() + " services is acyclic")));
        Set<Edge> model = edges(stack);
        Set<Edge> seed = ArchitectureBaseline.STARTUP_EDGES;
        String oracle = ArchitectureBaseline.says("section 7");
        for (Edge edge : sorted(seed)) {
            if (model.contains(edge)) {
                findings.add(Finding.pass(ID, edge.dependent(), "edge " + edge + ": " + edge.dependent()
                        + " starts after " + edge.dependency() + ", as in " + oracle));
            } else {
                findings.add(Finding.fail(ID, edge.dependent(), "edge " + edge + " is missing in the model: "
                        + edge.dependent() + " does not wait for " + edge.dependency() + "; " + oracle + " has it"));
            }
        }
        for (Edge edge : sorted(model)) {
            if (!seed.contains(edge)) {
                findings.add(Finding.fail(ID, edge.dependent(), "extra edge " + edge + ": " + edge.dependent()
                        + " waits for " + edge.dependency() + " in the model; " + oracle + " has no such edge"));
            }
        }
        return findings;
    }

    static Set<Edge> edges(Stack stack) {
        Set<Edge> edges = new TreeSet<>(ORDER);
        for (Service service : stack.services()) {
            for (Dependency dependency : service.dependsOn()) {
                edges.add(new Edge(dependency.service(), service.name()));
            }
        }
        return edges;
    }

    private static List<Edge> sorted(Set<Edge> edges) {
        return edges.stream().sorted(ORDER).toList();
    }
}
