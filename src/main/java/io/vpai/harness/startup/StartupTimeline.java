package io.vpai.harness.startup;

import io.vpai.harness.engine.ContainerEvent;
import io.vpai.harness.engine.ContainerEvent.Kind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every compose service's first bring-up, from the run's event stream (nanosecond times: a dependent
 * legitimately starts within the same second its dependency turns healthy).
 */
public final class StartupTimeline {
    private final Map<String, ServiceLifecycle> services;

    private StartupTimeline(Map<String, ServiceLifecycle> services) {
        this.services = services;
    }

    public static StartupTimeline from(List<ContainerEvent> events) {
        List<ContainerEvent> ordered = events.stream().sorted(Comparator.comparing(ContainerEvent::time)).toList();
        Map<String, Instant[]> moments = new LinkedHashMap<>();
        for (ContainerEvent event : ordered) {
            Instant[] m = moments.computeIfAbsent(event.service(), s -> new Instant[3]);
            if (event.kind() == Kind.CREATED && m[0] == null) {
                m[0] = event.time();
            } else if (event.kind() == Kind.STARTED && m[1] == null) {
                m[1] = event.time();
            } else if (event.kind() == Kind.HEALTHY && m[2] == null && m[1] != null) {
                m[2] = event.time(); // the first healthy after the first start: later ones are recoveries
            }
        }
        Map<String, ServiceLifecycle> services = new LinkedHashMap<>();
        moments.forEach((service, m) -> services.put(service, new ServiceLifecycle(service,
                Optional.ofNullable(m[0]), Optional.ofNullable(m[1]), Optional.ofNullable(m[2]))));
        return new StartupTimeline(services);
    }

    /** The service's lifecycle; empty moments when the stream never mentioned it. */
    public ServiceLifecycle of(String service) {
        return services.getOrDefault(service,
                new ServiceLifecycle(service, Optional.empty(), Optional.empty(), Optional.empty()));
    }

    public boolean mentions(String service) {
        return services.containsKey(service);
    }

    /** Services in the order they started (never-started ones last, by name). */
    public List<ServiceLifecycle> inStartOrder() {
        List<ServiceLifecycle> all = new ArrayList<>(services.values());
        all.sort(Comparator.comparing((ServiceLifecycle l) -> l.started().orElse(Instant.MAX))
                .thenComparing(ServiceLifecycle::service));
        return all;
    }

    /** The first moment of the bring-up: the earliest event of any service. */
    public Optional<Instant> origin() {
        return services.values().stream()
                .flatMap(l -> java.util.stream.Stream.of(l.created(), l.started(), l.healthy()))
                .flatMap(Optional::stream).min(Comparator.naturalOrder());
    }

    /** The last moment shown: the latest event of any service. */
    public Optional<Instant> end() {
        return services.values().stream()
                .flatMap(l -> java.util.stream.Stream.of(l.created(), l.started(), l.healthy()))
                .flatMap(Optional::stream).max(Comparator.naturalOrder());
    }
}
