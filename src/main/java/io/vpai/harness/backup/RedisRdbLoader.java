package io.vpai.harness.backup;

import io.vpai.harness.wait.Poll;

import io.vpai.harness.engine.ShellResult;

import io.vpai.harness.model.Service;
import io.vpai.harness.model.Volume;
import io.vpai.harness.engine.ProcessRunner;
import io.vpai.harness.stack.RunningStack;
import io.vpai.harness.stack.StackException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads an RDB file into the Redis service's data volume.
 * <p>
 * The model runs Redis with {@code --appendonly yes}. With the append-only file on, Redis loads the AOF
 * at start and ignores {@code dump.rdb}: an RDB copied beside it is silently not restored (the fresh
 * volume already holds an empty AOF from the first start). So the RDB is loaded by a one-off Redis on
 * the same volume with {@code --appendonly no} and no network, which then turns the AOF on
 * ({@code CONFIG SET appendonly yes} rewrites it from the loaded data) and shuts down; the service's own
 * container then starts with its own command and loads that AOF. Without AOF in the model's command the
 * one-off just loads the RDB and saves it back.
 */
public final class RedisRdbLoader {
    private static final Duration DOCKER = Duration.ofMinutes(2);
    private static final Duration LOAD = Duration.ofMinutes(5);
    private static final Duration READY = Duration.ofMinutes(4);

    private final RunningStack stack;
    private final String service;

    public RedisRdbLoader(RunningStack stack, String service) {
        this.stack = stack;
        this.service = service;
    }

    /** Whether the model's command turns the append-only file on. */
    boolean appendOnly() {
        List<String> command = model().command();
        for (int i = 0; i + 1 < command.size(); i++) {
            if (command.get(i).equals("--appendonly")) {
                return command.get(i + 1).equalsIgnoreCase("yes");
            }
        }
        return false;
    }

    /** The data directory: where the service's named volume is mounted. */
    String dataDirectory() {
        return model().volumes().stream().filter(v -> !v.isBind()).map(Volume::target).findFirst()
                .orElseThrow(() -> new StackException(service + " has no named volume to restore into"));
    }

    /** Loads {@code rdb} and restarts the service; returns the number of keys the one-off Redis loaded. */
    public long load(Path rdb) {
        String container = stack.container(service);
        String image = docker("inspect the image of " + service, "inspect", "-f", "{{.Config.Image}}", container).strip();
        String loader = stack.run().project() + "_" + service + "_restore";
        String dir = dataDirectory();
        stack.forgetSidecar(service);
        docker("stop " + service, "stop", "-t", "10", container);
        ProcessRunner.run(List.of("docker", "rm", "-f", loader), DOCKER);
        List<String> create = new ArrayList<>(List.of("docker", "create", "--name", loader, "--network", "none",
                "--volumes-from", container));
        for (Map.Entry<String, String> label : stack.run().labels().entrySet()) {
            create.addAll(List.of("--label", label.getKey() + "=" + label.getValue()));
        }
        create.addAll(List.of(image, "redis-server", "--appendonly", "no", "--dir", dir));
        long keys;
        try {
            require("create the loading Redis", ProcessRunner.run(create, DOCKER));
            docker("copy the RDB into " + dir, "cp", rdb.toString(), loader + ":" + dir + "/dump.rdb");
            docker("start the loading Redis", "start", loader);
            awaitInfo(loader, "persistence", List.of("loading:0"), "the RDB to load");
            if (appendOnly()) {
                cli(loader, "CONFIG", "SET", "appendonly", "yes");
                awaitInfo(loader, "persistence", List.of("aof_enabled:1", "aof_rewrite_in_progress:0",
                        "aof_rewrite_scheduled:0"), "the append-only file to be rewritten");
                String info = cli(loader, "INFO", "persistence");
                if (!info.contains("aof_last_bgrewrite_status:ok")) {
                    throw new StackException("redis restore: AOF rewrite did not succeed: " + info.strip());
                }
            }
            keys = Long.parseLong(cli(loader, "DBSIZE").strip());
            // SHUTDOWN saves (and fsyncs the AOF) before the process exits; the connection just closes.
            ProcessRunner.run(List.of("docker", "exec", loader, "redis-cli", "SHUTDOWN"), DOCKER);
            docker("wait for the loading Redis to stop", "wait", loader);
        } finally {
            ProcessRunner.run(List.of("docker", "rm", "-f", loader), DOCKER);
        }
        docker("start " + service, "start", container);
        StoreReadiness.await(stack, List.of(service), READY);
        return keys;
    }

    private void awaitInfo(String loader, String section, List<String> wanted, String what) {
        try {
            Poll.of("redis restore: " + what, () -> ProcessRunner.run(List.of("docker", "exec", loader, "redis-cli", "INFO",
                            section), DOCKER))
                    .describedAs(info -> "INFO " + section + ": " + info.output().strip())
                    .until(info -> info.ok() && wanted.stream().allMatch(info.output()::contains), LOAD);
        } catch (Poll.WaitTimeout e) {
            throw new StackException(e.getMessage());
        }
    }

    private String cli(String loader, String... args) {
        List<String> command = new ArrayList<>(List.of("docker", "exec", loader, "redis-cli"));
        command.addAll(List.of(args));
        ShellResult result = ProcessRunner.run(command, DOCKER);
        require("redis-cli " + String.join(" ", args), result);
        if (result.output().startsWith("ERR") || result.output().startsWith("(error)")) {
            throw new StackException("redis restore: redis-cli " + String.join(" ", args) + " answered " + result.output().strip());
        }
        return result.output();
    }

    private Service model() {
        return stack.model().service(service).orElseThrow(() -> new StackException("no service '" + service + "'"));
    }

    private static String docker(String what, String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        ShellResult result = ProcessRunner.run(command, DOCKER);
        require(what, result);
        return result.output();
    }

    private static void require(String what, ShellResult result) {
        if (!result.ok()) {
            throw new StackException("redis restore: cannot " + what + ": " + result.tail(3));
        }
    }
}
