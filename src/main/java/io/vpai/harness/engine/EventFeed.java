package io.vpai.harness.engine;

import io.vpai.harness.inventory.InspectedContainer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.vpai.harness.engine.ShellWords.quote;

/**
 * An engine's container events for one compose project, followed live (over SSH or on this machine) from a point in time. A later
 * {@code docker events --since} cannot replace this: the engine keeps only its last 256 events, and the health
 * checks of a running stack produce several a second, so the start of a deploy is gone within seconds. The feed
 * keeps only the kinds specs judge (create, start, die, health status); {@link #events()} adds a short catch-up
 * query for what the stream may not have delivered yet.
 */
public final class EventFeed implements AutoCloseable {
    /** How long a feed may run on the host at most, should this JVM vanish without closing it. */
    private static final Duration LIMIT = Duration.ofHours(6);
    static final String FILTERS = " --filter type=container --filter event=create --filter event=start"
            + " --filter event=die --filter event=health_status";

    private final DockerEngine docker;
    private final String project;
    private final String since;
    private final Set<ContainerEvent> seen = new LinkedHashSet<>();
    private final Shell.Following following;

    private EventFeed(Shell shell, DockerEngine docker, String project, String since) {
        this.docker = docker;
        this.project = project;
        this.since = since;
        this.following = shell.follow("docker events --since " + quote(since) + FILTERS + " --filter "
                + quote("label=" + InspectedContainer.PROJECT_LABEL + "=" + project) + " --format '{{json .}}'",
                LIMIT, this::record);
    }

    public static EventFeed start(Shell shell, DockerEngine docker, String project, String since) {
        return new EventFeed(shell, docker, project, since);
    }

    private void record(String line) {
        List<ContainerEvent> parsed;
        try {
            parsed = DockerEvents.parse(line);
        } catch (io.vpai.harness.inventory.DockerOutputException unreadable) {
            return;
        }
        synchronized (seen) {
            seen.addAll(parsed);
        }
    }

    /** Everything since the feed started, in time order, including the last moments (caught up by a bounded query). */
    public List<ContainerEvent> events() {
        String from;
        synchronized (seen) {
            from = seen.stream().map(ContainerEvent::time).max(Comparator.naturalOrder())
                    .map(t -> t.getEpochSecond() + "." + String.format("%09d", t.getNano())).orElse(since);
        }
        List<ContainerEvent> recent = docker.events(project, from);
        synchronized (seen) {
            seen.addAll(recent);
            List<ContainerEvent> all = new ArrayList<>(seen);
            all.sort(Comparator.comparing(ContainerEvent::time));
            return List.copyOf(all);
        }
    }

    @Override
    public void close() {
        following.close();
    }
}
