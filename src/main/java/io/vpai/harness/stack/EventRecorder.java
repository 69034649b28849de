package io.vpai.harness.stack;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;

import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records Docker's event stream for one compose project from before {@code up} until the run ends, so
 * the startup spec judges ordering from what the engine saw, not from the harness's polling.
 */
public final class EventRecorder implements Closeable {
    private final List<ContainerEvent> events = new ArrayList<>();
    private final ResultCallback.Adapter<Event> callback;

    private EventRecorder(ResultCallback.Adapter<Event> callback) {
        this.callback = callback;
    }

    public static EventRecorder start(DockerClient docker, String project) {
        EventRecorder[] self = new EventRecorder[1];
        ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event event) {
                self[0].record(event);
            }
        };
        self[0] = new EventRecorder(callback);
        docker.eventsCmd()
                .withSince(String.valueOf(Instant.now().getEpochSecond() - 1))
                .withLabelFilter(Map.of(RunLabels.COMPOSE_PROJECT, project))
                .withEventTypeFilter("container")
                .exec(callback);
        return self[0];
    }

    private void record(Event event) {
        if (event.getActor() == null || event.getActor().getAttributes() == null || event.getAction() == null) {
            return;
        }
        String service = event.getActor().getAttributes().get("com.docker.compose.service");
        ContainerEvent.Kind kind = ContainerEvent.kindOf(event.getAction());
        if (service == null || kind == null) {
            return;
        }
        Long nanos = event.getTimeNano();
        Instant time = nanos != null ? Instant.ofEpochSecond(0, nanos) : Instant.ofEpochSecond(event.getTime());
        synchronized (events) {
            events.add(new ContainerEvent(time, service, kind));
        }
    }

    public List<ContainerEvent> events() {
        synchronized (events) {
            return events.stream().sorted(java.util.Comparator.comparing(ContainerEvent::time)).toList();
        }
    }

    @Override
    public void close() throws IOException {
        callback.close();
    }
}
