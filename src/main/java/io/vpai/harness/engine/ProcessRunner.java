package io.vpai.harness.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command (an argument vector, no shell) with a deadline and captures its output, both streams merged; a hung command is killed, never waited on forever. */
public final class ProcessRunner {
    private ProcessRunner() {
    }

    public static ShellResult run(List<String> command, Path directory, Map<String, String> env, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().putAll(env);
        Process process = null;
        try {
            process = builder.start();
            process.getOutputStream().close();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            InputStream stream = process.getInputStream();
            Thread reader = new Thread(() -> copy(stream, output), "output of " + command.get(0));
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                // The program and its first argument only: a script argument may hold what must not be logged.
                throw new EngineException(String.join(" ", command.subList(0, Math.min(2, command.size())))
                        + " …: no answer within " + timeout.toSeconds() + " s");
            }
            reader.join(5_000);
            return new ShellResult(process.exitValue(), output.toString(StandardCharsets.UTF_8), "");
        } catch (IOException e) {
            throw new EngineException(command.get(0) + ": cannot run (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
            throw new EngineException(command.get(0) + ": interrupted");
        }
    }

    private static void kill(Process process) {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    public static ShellResult run(List<String> command, Duration timeout) {
        return run(command, null, Map.of(), timeout);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process was killed; what was read so far is kept
        }
    }
}
