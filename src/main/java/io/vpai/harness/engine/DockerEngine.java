package io.vpai.harness.engine;

import io.vpai.harness.inventory.InspectedContainer;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.wait.Poll;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static io.vpai.harness.engine.ShellWords.quote;

/**
 * The docker CLI of one engine, reached through a {@link Shell}: the same client for the container stack on this
 * machine and for a host over SSH. It reads (containers, states, events, files) and it acts (exec, restart, network
 * connect); who may call the acting half is decided by the target ({@code DestructiveAccess}), not here.
 */
public final class DockerEngine {
    private final Shell shell;
    private final Duration timeout;

    public DockerEngine(Shell shell, Duration timeout) {
        this.shell = shell;
        this.timeout = timeout;
    }

    public Shell shell() {
        return shell;
    }

    /** Every container of the compose project, running or not, as {@code docker inspect} describes it. */
    public List<InspectedContainer> containers(String project) {
        ShellResult ids = require("docker ps -a -q --no-trunc --filter " + quote("label=" + InspectedContainer.PROJECT_LABEL
                + "=" + project), "list the containers of project " + project);
        List<String> list = ids.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (list.isEmpty()) {
            return List.of();
        }
        ShellResult inspected = shell.run("docker inspect " + ShellWords.join(list), timeout);
        // A container removed between ps and inspect makes inspect exit 1 yet still describe the others.
        if (!inspected.stdout().strip().startsWith("[")) {
            throw EngineException.failed(shell, "inspect the containers of project " + project, inspected);
        }
        return InspectedContainer.parse(inspected.stdout());
    }

    /**
     * Every model service ({@link ContainerState#ABSENT} without a container) and every other service of the project
     * (fixtures), to its state; where a service has several containers, a running one wins.
     */
    public Map<String, ContainerState> states(Stack model, String project) {
        Map<String, ContainerState> states = new TreeMap<>();
        model.services().forEach(s -> states.put(s.name(), ContainerState.ABSENT));
        for (InspectedContainer c : containers(project)) {
            if (!c.service().isEmpty() && (c.running() || states.getOrDefault(c.service(), ContainerState.ABSENT)
                    == ContainerState.ABSENT)) {
                states.put(c.service(), ContainerState.of(c.status(), c.health()));
            }
        }
        return states;
    }

    /**
     * Waits until every service of the project is ready — healthy, or running where it has no health check — logging
     * the picture whenever it changes. A service that failed (unhealthy, exited) fails the wait once half the
     * deadline is gone: a restart policy may still bring it back before that.
     */
    public void awaitReady(Stack model, String project, Duration deadline, Consumer<String> log) {
        Instant giveUpOnFailures = Instant.now().plus(deadline.dividedBy(2));
        Poll.of("every service of project " + project + " on " + shell.describe()
                        + " ready", () -> states(model, project))
                .describedAs(states -> describe(model, states)).onChange(log)
                .failFastWhen(states -> Instant.now().isAfter(giveUpOnFailures)
                        && states.values().stream().anyMatch(ContainerState::failed))
                .until(states -> waiting(model, states).isEmpty(), deadline);
    }

    private static List<String> waiting(Stack model, Map<String, ContainerState> states) {
        return states.entrySet().stream().filter(e -> !e.getValue().ready(hasHealthCheck(model, e.getKey())))
                .map(Map.Entry::getKey).toList();
    }

    private static boolean hasHealthCheck(Stack model, String service) {
        return model.service(service).flatMap(Service::healthCheck).isPresent();
    }

    /** "waiting: caddy (starting) ← n8n (starting); n8n (starting) ← postgresql (healthy)". */
    private static String describe(Stack model, Map<String, ContainerState> states) {
        List<String> waiting = waiting(model, states);
        if (waiting.isEmpty()) {
            return "all " + states.size() + " services ready";
        }
        return "waiting: " + waiting.stream().map(service -> {
            String deps = model.service(service).map(Service::dependsOn).orElse(List.of()).stream()
                    .map(d -> d.service() + " (" + states.get(d.service()) + ")").collect(Collectors.joining(", "));
            return service + " (" + states.get(service) + ")" + (deps.isEmpty() ? "" : " ← " + deps);
        }).collect(Collectors.joining("; "));
    }

    /** The container of {@code service} in the project: the running one, else a stopped one. */
    public String container(String project, String service) {
        List<InspectedContainer> all = containers(project).stream().filter(c -> c.service().equals(service)).toList();
        return all.stream().filter(InspectedContainer::running).findFirst().or(() -> all.stream().findFirst())
                .map(InspectedContainer::id)
                .orElseThrow(() -> new EngineException(shell.describe() + ": service '" + service
                        + "' has no container in project " + project));
    }

    /** The host path bind-mounted at {@code destination} in a container, if anything is. */
    public Optional<String> mountSource(String container, String destination) {
        String source = require("docker inspect -f " + quote("{{range .Mounts}}{{if eq .Destination \"" + destination
                + "\"}}{{.Source}}{{end}}{{end}}") + " " + quote(container), "read the mounts of " + container)
                .stdout().strip();
        return source.isEmpty() ? Optional.empty() : Optional.of(source);
    }

    /** The main process of each running service of the project, in one command: what a namespace prober joins. */
    public Map<String, Long> pids(String project) {
        Map<String, Long> pids = new TreeMap<>();
        require("docker ps -q --filter " + quote("label=" + InspectedContainer.PROJECT_LABEL + "=" + project)
                + " | xargs -r docker inspect -f " + quote("{{index .Config.Labels \"" + InspectedContainer.SERVICE_LABEL
                + "\"}} {{.State.Pid}}"), "read the processes of project " + project)
                .stdout().lines().map(l -> l.strip().split(" ")).filter(p -> p.length == 2 && !p[1].equals("0"))
                .forEach(p -> pids.put(p[0], Long.parseLong(p[1])));
        return pids;
    }

    /** The engine host's clock, as {@code docker events --since} takes it: seconds with nanoseconds. */
    public String now() {
        return require("date +%s.%N", "read the host's clock").stdout().strip();
    }

    /** The project's container events from {@code since} up to now (the command ends, it does not follow). */
    public List<ContainerEvent> events(String project, String since) {
        ShellResult events = require("docker events --since " + quote(since) + " --until \"$(date +%s.%N)\""
                + EventFeed.FILTERS + " --filter " + quote("label=" + InspectedContainer.PROJECT_LABEL + "=" + project)
                + " --format '{{json .}}'", "read docker events of project " + project);
        return DockerEvents.parse(events.stdout());
    }

    public boolean imagePresent(String image) {
        return shell.run("docker image inspect --format '{{.Id}}' " + quote(image), timeout).ok();
    }

    /** Runs {@code script} with bash inside a container, {@code script} fed on stdin (no quoting to get wrong). */
    public ShellResult exec(String container, String script, Duration timeout) {
        return shell.run("docker exec -i " + quote(container) + " bash -s", script, timeout);
    }

    /** Runs a docker command line (already quoted) and fails naming {@code what} unless it exits 0. */
    public ShellResult require(String command, String what) {
        return require(command, what, timeout);
    }

    public ShellResult require(String command, String what, Duration timeout) {
        ShellResult result = shell.run(command, timeout);
        if (!result.ok()) {
            throw EngineException.failed(shell, what, result);
        }
        return result;
    }
}
