package io.vpai.harness.startup;

import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rendered stack's own startup, from the events alone: first CREATED of a model service to the last
 * one ready, next to the critical path of its dependency graph. Fixtures are left out: they are the
 * harness's, not the stack's.
 *
 * @param observed   first created to all ready; empty when a service never became ready
 * @param notReady   model services with no ready moment in the events
 */
public record StartupFigures(Optional<Instant> firstCreated, Optional<Instant> allReady, Optional<Duration> observed,
                             CriticalPath criticalPath, List<String> notReady) {
    public StartupFigures {
        notReady = List.copyOf(notReady);
    }

    public static StartupFigures of(Stack model, StartupTimeline timeline) {
        Optional<Instant> first = model.services().stream()
                .flatMap(s -> timeline.of(s.name()).created().stream()).min(Instant::compareTo);
        List<String> notReady = new ArrayList<>();
        Instant last = null;
        for (Service service : model.services()) {
            Optional<Instant> ready = timeline.of(service.name()).ready(service.healthCheck().isPresent());
            if (ready.isEmpty()) {
                notReady.add(service.name());
            } else if (last == null || ready.get().isAfter(last)) {
                last = ready.get();
            }
        }
        Optional<Instant> allReady = notReady.isEmpty() ? Optional.ofNullable(last) : Optional.empty();
        Optional<Duration> observed = first.isPresent() && allReady.isPresent()
                ? Optional.of(Duration.between(first.get(), allReady.get())) : Optional.empty();
        return new StartupFigures(first, allReady, observed, CriticalPath.of(model, timeline), notReady);
    }

    /** Observed bring-up minus the critical path: what scheduling and container creation added. */
    public Optional<Duration> overhead() {
        return observed.map(o -> o.minus(criticalPath.total()));
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("first CREATED to all healthy: " + observed.map(Moments::seconds)
                .orElse("n/a (never ready: " + String.join(", ", notReady) + ")"));
        lines.add("critical path (own readiness summed along the longest depends_on chain): " + criticalPath.describe());
        overhead().ifPresent(o -> lines.add("beyond the critical path (scheduling, creation, health-check phase): "
                + Moments.seconds(o)));
        return lines;
    }
}
