package io.vpai.harness.images;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs one external command (docker, the base script) with a deadline, keeping its last lines
 * for error messages and, when asked, its whole output in a log file.
 */
final class CommandRunner {

    /** Lines kept from a build's output; the log file has them all. */
    static final int BUILD_LINES_KEPT = 40;

    /** docker build colours apt's stderr; colour codes only garble an exception message. */
    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");

    /** What a finished command left behind. */
    record Result(int exitCode, boolean timedOut, List<String> lastLines) {

        boolean succeeded() {
            return !timedOut && exitCode == 0;
        }

        String output() {
            return String.join("\n", lastLines);
        }

        /** The last few non-blank lines on one line, for an exception message. */
        String tail(int lines) {
            List<String> nonBlank = lastLines.stream()
                    .map(l -> ANSI_ESCAPE.matcher(l).replaceAll("").strip())
                    .filter(l -> !l.isEmpty())
                    .toList();
            return String.join(" | ", nonBlank.subList(Math.max(0, nonBlank.size() - lines), nonBlank.size()));
        }
    }

    private CommandRunner() {}

    /** Runs a long command (a build), keeping its last lines and logging all of them to logFile. */
    static Result run(List<String> command, Path workDir, Map<String, String> extraEnv, Duration timeout, Path logFile) {
        return run(command, workDir, extraEnv, timeout, logFile, BUILD_LINES_KEPT);
    }

    /** Runs a short query, keeping all of its output. */
    static Result run(List<String> command, Duration timeout) {
        return run(command, null, Map.of(), timeout, null, Integer.MAX_VALUE);
    }

    private static Result run(List<String> command, Path workDir, Map<String, String> extraEnv, Duration timeout,
            Path logFile, int linesKept) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        builder.environment().putAll(extraEnv);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ImageBuildException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        try { // stdin is unused: close it so nothing waits on it
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // Nothing was written; a failed close changes nothing.
        }
        Deque<String> tail = new ArrayDeque<>();
        Thread pump = new Thread(() -> pump(process, tail, linesKept, logFile), "output of " + command.get(0));
        pump.setDaemon(true);
        pump.start();
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                // The base script's debootstrap and tar are grandchildren: stop them too.
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            pump.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ImageBuildException("interrupted while running " + String.join(" ", command), e);
        }
        List<String> lines;
        synchronized (tail) {
            lines = List.copyOf(tail);
        }
        return new Result(finished ? process.exitValue() : -1, !finished, lines);
    }

    private static void pump(Process process, Deque<String> tail, int linesKept, Path logFile) {
        try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                  Writer log = logFile == null ? Writer.nullWriter() : openLog(logFile)) {
            for (String line; (line = reader.readLine()) != null; ) {
                log.write(line);
                log.write('\n');
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > linesKept) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // The process died or was killed; its exit code tells the story.
        }
    }

    private static Writer openLog(Path logFile) throws IOException {
        Files.createDirectories(logFile.getParent());
        return Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
    }
}
