package io.vpai.harness.ssh;

import io.vpai.harness.inventory.InspectedContainer;
import io.vpai.harness.stack.ContainerEvent;

import java.time.Duration;
import java.util.List;

import static io.vpai.harness.ssh.ShellWords.quote;

/** The docker CLI on the host, read-only: which containers a project has, their state, and the engine's events. */
final class RemoteDocker {
    private final RemoteShell shell;
    private final Duration timeout;

    RemoteDocker(RemoteShell shell, Duration timeout) {
        this.shell = shell;
        this.timeout = timeout;
    }

    /** Every container of the compose project, running or not, as {@code docker inspect} describes it. */
    List<InspectedContainer> containers(String project) {
        RemoteResult ids = require("docker ps -a -q --no-trunc --filter " + quote("label=" + InspectedContainer.PROJECT_LABEL
                + "=" + project), "list the containers of project " + project);
        List<String> list = ids.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (list.isEmpty()) {
            return List.of();
        }
        RemoteResult inspected = shell.run("docker inspect " + ShellWords.join(list), timeout);
        // A container removed between ps and inspect makes inspect exit 1 yet still describe the others.
        if (!inspected.stdout().strip().startsWith("[")) {
            throw new SshException(shell.describe() + ": cannot inspect the containers of project " + project + " (exit "
                    + inspected.exitCode() + "): " + inspected.tail(3));
        }
        return InspectedContainer.parse(inspected.stdout());
    }

    /** The host's clock, as {@code docker events --since} takes it: seconds with nanoseconds. */
    String now() {
        return require("date +%s.%N", "read the host's clock").stdout().strip();
    }

    /** The project's container events from {@code since} up to now (the command ends, it does not follow). */
    List<ContainerEvent> events(String project, String since) {
        RemoteResult events = require("docker events --since " + quote(since) + " --until \"$(date +%s.%N)\""
                + " --filter type=container --filter event=create --filter event=start --filter event=die"
                + " --filter event=health_status --filter " + quote("label=" + InspectedContainer.PROJECT_LABEL + "=" + project)
                + " --format '{{json .}}'", "read docker events of project " + project);
        return DockerEvents.parse(events.stdout());
    }

    boolean imagePresent(String image) {
        return shell.run("docker image inspect --format '{{.Id}}' " + quote(image), timeout).ok();
    }

    RemoteResult require(String command, String what) {
        RemoteResult result = shell.run(command, timeout);
        if (!result.ok()) {
            throw new SshException(shell.describe() + ": cannot " + what + " (exit " + result.exitCode() + "): "
                    + result.tail(3));
        }
        return result;
    }
}
