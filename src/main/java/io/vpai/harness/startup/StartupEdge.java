package io.vpai.harness.startup;

import io.vpai.harness.baseline.ArchitectureBaseline;
import io.vpai.harness.model.Dependency;
import io.vpai.harness.model.Dependency.Condition;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One startup dependency as the analysis judges it: {@code dependent} may start only once
 * {@code dependency} has reached {@code condition}. Built from the model ({@code depends_on}) or from
 * the architecture baseline's section 7 graph, whose arrows all mean "healthy first".
 */
public record StartupEdge(String dependency, String dependent, Condition condition) {
    private static final Comparator<StartupEdge> ORDER =
            Comparator.comparing(StartupEdge::dependent).thenComparing(StartupEdge::dependency);

    /** Every {@code depends_on} of the model, ordered by dependent then dependency (stable test names). */
    public static List<StartupEdge> fromModel(Stack model) {
        List<StartupEdge> edges = new ArrayList<>();
        for (Service service : model.services()) {
            for (Dependency dependency : service.dependsOn()) {
                edges.add(new StartupEdge(dependency.service(), service.name(), dependency.condition()));
            }
        }
        return edges.stream().sorted(ORDER).toList();
    }

    /** The seed's graph: whatever the model now says, this is the order production was designed for. */
    public static List<StartupEdge> fromSeed() {
        return ArchitectureBaseline.STARTUP_EDGES.stream()
                .map(e -> new StartupEdge(e.dependency(), e.dependent(), Condition.HEALTHY))
                .sorted(ORDER).toList();
    }

    /** What the dependency must have reached, in words: "healthy" or "started". */
    public String reached() {
        return condition == Condition.HEALTHY ? "healthy" : "started";
    }

    /** The expectation as a sentence, used as a test name: "n8n started after postgresql was healthy". */
    public String sentence() {
        return dependent + " started after " + dependency + " was " + reached();
    }

    @Override
    public String toString() {
        return dependency + " -> " + dependent + " (" + reached() + ")";
    }
}
