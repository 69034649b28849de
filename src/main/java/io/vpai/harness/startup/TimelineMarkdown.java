package io.vpai.harness.startup;

import io.vpai.harness.model.Dependency;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The startup as a Markdown table, one row per service in start order: created, started, healthy (as
 * offsets from the first event), its own readiness, and how long after each dependency it started.
 */
public final class TimelineMarkdown {
    private TimelineMarkdown() {
    }

    /**
     * @param notes   service to a label ("stand-in", "fixture"); absent means real
     * @param summary lines printed under the table (figures, findings)
     */
    public static String render(Stack model, StartupTimeline timeline, Map<String, String> notes, String title,
                                List<String> summary) {
        Instant origin = timeline.origin().orElse(Instant.EPOCH);
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        md.append("t = 0 at ").append(Moments.clock(origin)).append(" UTC, the first event of the run. ")
                .append("Times from Docker's event stream (nanosecond resolution).\n\n");
        md.append("| service | fidelity | created | started | healthy | own readiness | started after |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (ServiceLifecycle row : timeline.inStartOrder()) {
            md.append("| ").append(row.service())
                    .append(" | ").append(notes.getOrDefault(row.service(), "real"))
                    .append(" | ").append(at(origin, row.created()))
                    .append(" | ").append(at(origin, row.started()))
                    .append(" | ").append(at(origin, row.healthy()))
                    .append(" | ").append(row.ownReadiness().map(Moments::millis).orElse("—"))
                    .append(" | ").append(waits(model, timeline, row))
                    .append(" |\n");
        }
        if (!summary.isEmpty()) {
            md.append('\n');
            summary.forEach(line -> md.append("- ").append(line).append('\n'));
        }
        return md.toString();
    }

    private static String at(Instant origin, Optional<Instant> moment) {
        return moment.map(m -> Moments.offset(origin, m)).orElse("—");
    }

    /** "postgresql healthy +35.2 ms; redis healthy +12.0 ms": the handoff after each dependency. */
    private static String waits(Stack model, StartupTimeline timeline, ServiceLifecycle row) {
        List<Dependency> deps = model.service(row.service()).map(Service::dependsOn).orElse(List.of());
        if (deps.isEmpty()) {
            return "—";
        }
        return deps.stream().map(d -> {
            StartupEdge edge = new StartupEdge(d.service(), row.service(), d.condition());
            ServiceLifecycle dependency = timeline.of(d.service());
            Optional<Instant> reached = d.condition() == Dependency.Condition.HEALTHY
                    ? dependency.healthy() : dependency.started();
            if (reached.isEmpty() || row.started().isEmpty()) {
                return d.service() + " " + edge.reached() + " ?";
            }
            Duration gap = Duration.between(reached.get(), row.started().get());
            return d.service() + " " + edge.reached() + " " + (gap.isNegative() ? "−" + Moments.millis(gap.negated())
                    + " **before**" : "+" + Moments.millis(gap));
        }).collect(Collectors.joining("; "));
    }
}
