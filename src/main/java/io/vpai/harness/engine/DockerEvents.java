package io.vpai.harness.engine;

import io.vpai.harness.inventory.InspectedContainer;
import io.vpai.harness.inventory.DockerJson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Reads {@code docker events --format '{{json .}}'} (one JSON object a line) into the events specs judge order by. */
public final class DockerEvents {
    private DockerEvents() {
    }

    public static List<ContainerEvent> parse(String lines) {
        List<ContainerEvent> events = new ArrayList<>();
        for (String line : lines.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> event = DockerJson.object(line, "docker events line");
            if (!"container".equals(DockerJson.string(event, "Type"))) {
                continue;
            }
            String action = DockerJson.string(event, "Action");
            Object service = DockerJson.map(event, "Actor.Attributes").get(InspectedContainer.SERVICE_LABEL);
            ContainerEvent.Kind kind = ContainerEvent.kindOf(action);
            if (service == null || kind == null) {
                continue;
            }
            events.add(new ContainerEvent(time(event), service.toString(), kind));
        }
        events.sort(Comparator.comparing(ContainerEvent::time));
        return List.copyOf(events);
    }

    private static Instant time(Map<String, Object> event) {
        Object nanos = DockerJson.at(event, "timeNano").orElse(null);
        if (nanos instanceof Number n) {
            long value = n.longValue();
            return Instant.ofEpochSecond(value / 1_000_000_000L, value % 1_000_000_000L);
        }
        Object seconds = DockerJson.at(event, "time").orElse(0);
        return Instant.ofEpochSecond(seconds instanceof Number n ? n.longValue() : 0);
    }
}
