package io.vpai.harness.startup;

import io.vpai.harness.model.Dependency;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.engine.ContainerEvent;
import io.vpai.harness.engine.ContainerEvent.Kind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Events as Compose would produce them for a model: each service is created as soon as its
 * dependencies are ready, starts {@link #CREATE_TO_START} later, and turns healthy after its own
 * readiness time. Tests then break one moment to make a violation.
 */
final class SyntheticBringUp {
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final Duration CREATE_TO_START = Duration.ofMillis(40);
    static final Duration HANDOFF = Duration.ofMillis(15);

    private final Stack model;
    private final Map<String, Duration> readiness = new HashMap<>();

    SyntheticBringUp(Stack model) {
        this.model = model;
    }

    SyntheticBringUp readiness(String service, Duration value) {
        readiness.put(service, value);
        return this;
    }

    List<ContainerEvent> events() {
        Map<String, Instant> ready = new HashMap<>();
        List<ContainerEvent> events = new ArrayList<>();
        for (int pass = 0; pass <= model.services().size() && ready.size() < model.services().size(); pass++) {
            for (Service service : model.services()) {
                if (ready.containsKey(service.name())) {
                    continue;
                }
                Instant after = T0;
                boolean blocked = false;
                for (Dependency d : service.dependsOn()) {
                    Instant at = ready.get(d.service());
                    if (at == null) {
                        blocked = true;
                    } else if (at.isAfter(after)) {
                        after = at;
                    }
                }
                if (blocked) {
                    continue;
                }
                Instant created = after.equals(T0) ? T0 : after.plus(HANDOFF);
                Instant started = created.plus(CREATE_TO_START);
                events.add(new ContainerEvent(created, service.name(), Kind.CREATED));
                events.add(new ContainerEvent(started, service.name(), Kind.STARTED));
                if (service.healthCheck().isPresent()) {
                    Instant healthy = started.plus(readiness.getOrDefault(service.name(), Duration.ofMillis(1000)));
                    events.add(new ContainerEvent(healthy, service.name(), Kind.HEALTHY));
                    ready.put(service.name(), healthy);
                } else {
                    ready.put(service.name(), started);
                }
            }
        }
        return events;
    }

    /** A copy of {@code events} with one service's event of {@code kind} moved to {@code at}. */
    static List<ContainerEvent> moved(List<ContainerEvent> events, String service, Kind kind, Instant at) {
        return events.stream().map(e -> e.service().equals(service) && e.kind() == kind
                ? new ContainerEvent(at, service, kind) : e).toList();
    }

    static Instant at(List<ContainerEvent> events, String service, Kind kind) {
        return events.stream().filter(e -> e.service().equals(service) && e.kind() == kind)
                .map(ContainerEvent::time).findFirst().orElseThrow();
    }
}
