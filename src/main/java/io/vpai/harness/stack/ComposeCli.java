package io.vpai.harness.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Compose command line, v2 ({@code docker compose}) when present, else Debian's v1
 * ({@code docker-compose}). Only flags both understand are used: {@code -p}, {@code -f},
 * {@code --project-directory}; no {@code up --wait} (v1 lacks it), the harness polls health itself.
 */
public final class ComposeCli {
    private final List<String> executable;
    private final String version;

    private ComposeCli(List<String> executable, String version) {
        this.executable = executable;
        this.version = version;
    }

    public static ComposeCli detect() {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            try {
                List<String> command = new ArrayList<>(candidate);
                command.add("version");
                ProcessRunner.Result result = ProcessRunner.run(command, Duration.ofSeconds(20));
                if (result.ok()) {
                    return new ComposeCli(candidate, result.output().strip().split("\n")[0]);
                }
            } catch (StackException notInstalled) {
                // try the next one
            }
        }
        throw new StackException("neither 'docker compose' nor 'docker-compose' is installed");
    }

    public String version() {
        return version;
    }

    public boolean isV1() {
        return executable.size() == 1;
    }

    public ProcessRunner.Result run(String project, Path projectDirectory, List<Path> files, Map<String, String> env,
                                    Duration timeout, String... args) {
        List<String> command = new ArrayList<>(executable);
        command.add("-p");
        command.add(project);
        command.add("--project-directory");
        command.add(projectDirectory.toString());
        for (Path file : files) {
            command.add("-f");
            command.add(file.toString());
        }
        command.addAll(List.of(args));
        return ProcessRunner.run(command, projectDirectory, env, timeout);
    }

    public void require(String project, Path projectDirectory, List<Path> files, Map<String, String> env,
                        Duration timeout, String... args) {
        ProcessRunner.Result result = run(project, projectDirectory, files, env, timeout, args);
        if (!result.ok()) {
            throw new StackException("compose " + String.join(" ", args) + " failed (exit " + result.exitCode() + "): "
                    + result.tail(8));
        }
    }
}
