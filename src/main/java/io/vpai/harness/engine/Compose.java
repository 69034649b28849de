package io.vpai.harness.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker Compose where a {@link Shell} runs, v2 ({@code docker compose}) or v1 ({@code docker-compose}), whichever is
 * there: users have v2, Debian's packages give v1. Only options both understand are used ({@code -p}, {@code -f},
 * {@code --project-directory}, {@code --env-file}); no {@code up --wait} (v1 lacks it): the harness polls health.
 * Variables reach Compose through an env file, never the command line, so secrets stay out of process listings.
 */
public record Compose(List<String> executable, String version) {

    public static Compose detect(Shell shell, Duration timeout) {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            ShellResult result = shell.run(ShellWords.join(candidate) + " version", timeout);
            if (result.ok() && !result.stdout().isBlank()) {
                return new Compose(candidate, result.stdout().strip().lines().findFirst().orElse(""));
            }
        }
        throw new EngineException(shell.describe() + ": neither 'docker compose' nor 'docker-compose' is installed");
    }

    public boolean isV1() {
        return executable.size() == 1;
    }

    /** {@code docker-compose -p P --project-directory D -f A -f B --env-file E ARGS…}, every word quoted. */
    public String command(String project, String projectDirectory, List<String> files, String envFile, String... args) {
        List<String> words = new ArrayList<>(executable);
        words.addAll(List.of("-p", project, "--project-directory", projectDirectory));
        for (String file : files) {
            words.add("-f");
            words.add(file);
        }
        if (envFile != null) {
            words.add("--env-file");
            words.add(envFile);
        }
        words.addAll(List.of(args));
        return ShellWords.join(words);
    }
}
