package io.vpai.harness.render;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real tool a test runs (docker-compose, caddy, bash; actionlint, the launcher). Missing: the test
 * is skipped with the reason on a developer machine, and fails under CI=true, where a skip would
 * pass a gate that checked nothing.
 */
public final class ExternalTool {
    public record Result(int exitCode, String stdout, String stderr) {
        public String both() {
            return stdout + stderr;
        }
    }

    private ExternalTool() {
    }

    static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    static Optional<Path> find(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The tool, or a skip (a failure under CI=true) saying how to get it. */
    public static Path require(String name, String install) {
        Optional<Path> tool = find(name);
        if (tool.isEmpty()) {
            String reason = name + " is not on PATH (" + install + ")";
            if (inCi()) {
                Assertions.fail(reason + "; CI=true requires it");
            }
            Assumptions.abort(reason);
        }
        return tool.get();
    }

    /** Runs with a deadline; {@code environment} adds to the inherited one (a null value removes a name); output is captured through files so a chatty tool cannot block on a full pipe. */
    public static Result run(List<String> command, Path directory, Map<String, String> environment) throws IOException, InterruptedException {
        Path out = Files.createTempFile("tool-", ".out");
        Path err = Files.createTempFile("tool-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            // A null value removes an inherited variable: how a test says "this one is not set".
            environment.forEach((name, value) -> {
                if (value == null) {
                    builder.environment().remove(name);
                } else {
                    builder.environment().put(name, value);
                }
            });
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                Assertions.fail(String.join(" ", command) + " did not finish within 120 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
