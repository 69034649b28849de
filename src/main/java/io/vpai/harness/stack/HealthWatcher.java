package io.vpai.harness.stack;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.vpai.harness.model.Dependency;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Polls container state until every service is healthy (or running, for those without a health check),
 * printing what each waiting service waits on whenever the picture changes.
 */
public final class HealthWatcher {
    private final DockerClient docker;
    private final Stack stack;
    private final Consumer<String> log;

    public HealthWatcher(DockerClient docker, Stack stack, Consumer<String> log) {
        this.docker = docker;
        this.stack = stack;
        this.log = log;
    }

    /** Service name to current state: "healthy", "starting", "unhealthy", "running", "created", "exited", "absent". */
    public Map<String, String> states(Map<String, String> containers) {
        Map<String, String> states = new TreeMap<>();
        containers.forEach((service, id) -> states.put(service, state(id)));
        return states;
    }

    private String state(String containerId) {
        try {
            InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(containerId).exec().getState();
            if (state.getHealth() != null && state.getHealth().getStatus() != null && Boolean.TRUE.equals(state.getRunning())) {
                return state.getHealth().getStatus();
            }
            return state.getStatus();
        } catch (RuntimeException gone) {
            return "absent";
        }
    }

    public void awaitReady(Map<String, String> containers, Duration deadline) {
        Instant end = Instant.now().plus(deadline);
        String lastPicture = "";
        while (true) {
            Map<String, String> states = states(containers);
            List<String> waiting = states.entrySet().stream().filter(e -> !ready(e.getKey(), e.getValue()))
                    .map(Map.Entry::getKey).toList();
            if (waiting.isEmpty()) {
                log.accept("all " + states.size() + " services ready");
                return;
            }
            String picture = describe(waiting, states);
            if (!picture.equals(lastPicture)) {
                log.accept(picture);
                lastPicture = picture;
            }
            List<String> failed = states.entrySet().stream()
                    .filter(e -> e.getValue().equals("unhealthy") || e.getValue().equals("exited") || e.getValue().equals("dead"))
                    .map(e -> e.getKey() + " is " + e.getValue()).toList();
            if (!failed.isEmpty() && Instant.now().isAfter(end.minus(deadline.dividedBy(2)))) {
                throw new StackException("stack not ready: " + String.join(", ", failed));
            }
            if (Instant.now().isAfter(end)) {
                throw new StackException("stack not ready after " + deadline.toSeconds() + " s: " + picture);
            }
            sleep(250);
        }
    }

    private boolean ready(String service, String state) {
        boolean checked = stack.service(service).map(s -> s.healthCheck().isPresent()).orElse(false);
        return checked ? state.equals("healthy") : state.equals("healthy") || state.equals("running");
    }

    /** "waiting: caddy ← n8n (starting), grafana (healthy); n8n ← postgresql (starting)". */
    private String describe(List<String> waiting, Map<String, String> states) {
        Map<String, String> lines = new LinkedHashMap<>();
        for (String service : waiting) {
            List<Dependency> deps = stack.service(service).map(Service::dependsOn).orElse(List.of());
            String on = deps.isEmpty() ? states.get(service)
                    : states.get(service) + " ← " + deps.stream().map(d -> d.service() + " (" + states.getOrDefault(d.service(), "?") + ")")
                    .collect(Collectors.joining(", "));
            lines.put(service, on);
        }
        return "waiting: " + lines.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining("; "));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for health");
        }
    }
}
