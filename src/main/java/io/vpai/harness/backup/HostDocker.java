package io.vpai.harness.backup;

import io.vpai.harness.engine.ShellResult;

import io.vpai.harness.engine.ProcessRunner;
import io.vpai.harness.stack.StackException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The docker CLI on the harness's host, for the drill's container chores (stop, start, remove). */
final class HostDocker {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private HostDocker() {
    }

    /** Runs {@code docker ARGS}; a failure is an error saying what could not be done, with docker's last lines. */
    static void require(String what, String... args) {
        ShellResult result = run(args);
        if (!result.ok()) {
            throw new StackException("cannot " + what + ": " + result.tail(3));
        }
    }

    static ShellResult run(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return ProcessRunner.run(command, TIMEOUT);
    }
}
