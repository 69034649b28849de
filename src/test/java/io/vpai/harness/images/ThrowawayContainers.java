package io.vpai.harness.images;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Short-lived containers for image checks, all on one private network this class creates, all
 * labelled {@value #RUN_LABEL}, so the next image check reaps a crashed run's leftovers. The stack's reaper does not
 * match that label: these checks run while a stack comes up ({@link io.vpai.harness.support.BesideTheStack}).
 * The network's subnet is fixed outside Docker's default pools and every subnet the model and the shipped
 * environments use: an address Docker chose could be one the stack's fixed subnets need a moment later.
 * Plain docker CLI: what a check does is what a person would type.
 */
final class ThrowawayContainers implements AutoCloseable {

    static final String RUN_LABEL = "io.vpai.harness.test-images=true";
    private static final String SUBNET = "10.213.0.0/24";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final String network;
    private final String prefix;
    private int counter;

    private ThrowawayContainers(String network, String prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** Reaps what earlier runs left behind, then creates this run's network. */
    static ThrowawayContainers open() {
        reapLeftovers();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String network = "vpai-test-images-" + suffix;
        docker("network", "create", "--subnet", SUBNET, "--label", RUN_LABEL, network).requireSuccess("create network " + network);
        return new ThrowawayContainers(network, "vpai-test-images-" + suffix + "-");
    }

    String network() {
        return network;
    }

    /** Starts a detached container on the private network; returns its name, also its DNS name there. */
    String start(List<String> options, String image, String... command) {
        String name = prefix + (++counter);
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name, "--label", RUN_LABEL,
                "--network", network));
        args.addAll(options);
        args.add(image);
        args.addAll(List.of(command));
        docker(args).requireSuccess("start " + image);
        return name;
    }

    /** Runs a command to completion in a new container (on the private network unless options say otherwise). */
    Outcome runOnce(List<String> options, String image, String... command) {
        List<String> args = new ArrayList<>(List.of("run", "--rm", "--label", RUN_LABEL));
        if (options.stream().noneMatch(o -> o.startsWith("--network"))) {
            args.addAll(List.of("--network", network));
        }
        args.addAll(options);
        args.add(image);
        args.addAll(List.of(command));
        return docker(args);
    }

    Outcome exec(String container, String... command) {
        List<String> args = new ArrayList<>(List.of("exec", container));
        args.addAll(List.of(command));
        return docker(args);
    }

    String logs(String container) {
        return docker("logs", container).output();
    }

    boolean isRunning(String container) {
        return docker("inspect", "--format", "{{.State.Running}}", container).output().strip().equals("true");
    }

    /** Polls until the check holds; fails with the container's last log lines if it never does. */
    void await(String container, String what, Duration deadline, Predicate<ThrowawayContainers> check) {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (check.test(this)) {
                return;
            }
            sleep(Duration.ofMillis(200));
        }
        String log = logs(container);
        throw new AssertionError("Expecting " + container + " to " + what + " within " + deadline.toSeconds()
                + " s but it did not; last log lines:\n" + log.substring(Math.max(0, log.length() - 1500)));
    }

    @Override
    public void close() {
        reapLeftovers();
    }

    private static void reapLeftovers() {
        String containers = docker("ps", "-aq", "--filter", "label=" + RUN_LABEL).output().strip();
        if (!containers.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f", "-v"));
            rm.addAll(List.of(containers.split("\\s+")));
            docker(rm);
        }
        String networks = docker("network", "ls", "-q", "--filter", "label=" + RUN_LABEL).output().strip();
        for (String id : networks.isEmpty() ? new String[0] : networks.split("\\s+")) {
            docker("network", "rm", id);
        }
    }

    static Outcome docker(String... args) {
        return docker(List.of(args));
    }

    static Outcome docker(List<String> args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(args);
        CommandRunner.Result result = CommandRunner.run(command, COMMAND_TIMEOUT);
        return new Outcome(String.join(" ", command), result.timedOut() ? -1 : result.exitCode(), result.output());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** What a docker command printed (stdout and stderr together) and how it exited. */
    record Outcome(String command, int exitCode, String output) {

        boolean succeeded() {
            return exitCode == 0;
        }

        Outcome requireSuccess(String what) {
            if (!succeeded()) {
                throw new AssertionError("cannot " + what + ": `" + command + "` exited " + exitCode + ": " + output);
            }
            return this;
        }
    }
}
