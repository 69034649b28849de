package io.vpai.harness.bench;

import io.vpai.harness.engine.ShellResult;

import io.vpai.harness.stack.ComposeCli;
import io.vpai.harness.engine.ProcessRunner;
import io.vpai.harness.stack.StackLauncher.RunFiles;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The baseline the harness is measured against: what an operator would type by hand — {@code up -d}
 * with the same compose file and override, then {@code docker inspect} in a loop until every container
 * is healthy (or running, without a health check) — run as one shell script, then {@code down -v}.
 */
final class RawBringUp {
    /** Same poll period as the harness's own readiness wait (Poll), so neither side is favoured by its loop. */
    static final String POLL_SECONDS = "0.25";

    private final Path projectRoot;
    private final RunFiles files;
    private final Map<String, String> environment;
    private final String compose;

    /** @param compose the command as a user types it: {@code docker-compose} (v1) or {@code docker compose} */
    RawBringUp(Path projectRoot, RunFiles files, Map<String, String> environment, String compose) {
        this.projectRoot = projectRoot;
        this.files = files;
        this.environment = environment;
        this.compose = compose;
    }

    static String typed(ComposeCli cli) {
        return cli.isV1() ? "docker-compose" : "docker compose";
    }

    /** {@code docker-compose -p P -f compose/sese-ai/docker-compose.yml -f <override>}, paths relative to the root. */
    String composeCommand() {
        List<String> parts = new ArrayList<>(List.of(compose, "-p", files.run().project()));
        for (Path file : files.composeFiles()) {
            parts.add("-f");
            parts.add(quote(projectRoot.relativize(file.toAbsolutePath()).toString()));
        }
        return String.join(" ", parts);
    }

    /** Up and poll until all healthy; returns how long that took. Secrets go through the environment only. */
    Duration up(Duration deadline) {
        long polls = Math.max(1, deadline.toMillis() / 250);
        String script = "set -u\n"
                + composeCommand() + " up -d || { echo 'raw up failed'; exit 2; }\n"
                + "ids=$(" + composeCommand() + " ps -q)\n"
                + "[ -n \"$ids\" ] || { echo 'no containers'; exit 2; }\n"
                + "for i in $(seq 1 " + polls + "); do\n"
                + "  if ! docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}'"
                + " $ids | grep -qvxE 'healthy|running'; then exit 0; fi\n"
                + "  sleep " + POLL_SECONDS + "\n"
                + "done\n"
                + "echo 'not all healthy in time:'; docker inspect -f '{{.Name}} {{.State.Status}}"
                + " {{if .State.Health}}{{.State.Health.Status}}{{end}}' $ids; exit 1\n";
        long start = System.nanoTime();
        ShellResult result = ProcessRunner.run(List.of("bash", "-c", script), projectRoot, environment,
                deadline.plusSeconds(30));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (!result.ok()) {
            throw new IllegalStateException("raw bring-up of " + files.run().project() + " failed (exit "
                    + result.exitCode() + "): " + result.tail(12));
        }
        return took;
    }

    Duration down() {
        long start = System.nanoTime();
        ShellResult result = ProcessRunner.run(List.of("bash", "-c",
                composeCommand() + " down -v --remove-orphans -t 5"), projectRoot, environment, Duration.ofMinutes(3));
        if (!result.ok()) {
            throw new IllegalStateException("raw down of " + files.run().project() + " failed: " + result.tail(5));
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static String quote(String path) {
        return "'" + path.replace("'", "'\\''") + "'";
    }
}
