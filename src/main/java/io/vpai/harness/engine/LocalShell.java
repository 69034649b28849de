package io.vpai.harness.engine;

import java.io.ByteArrayOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** This machine's shell: {@code bash -c}, with a deadline after which the command and its children are killed. */
public final class LocalShell implements Shell {
    @Override
    public ShellResult run(String command, String stdin, Duration timeout) {
        try {
            Process process = new ProcessBuilder("bash", "-c", command).start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread outReader = drain(process.getInputStream(), out, command);
            Thread errReader = drain(process.getErrorStream(), err, command);
            // Fed from its own thread, so a command that stops reading cannot hold this one past the deadline.
            Thread feeder = new Thread(() -> {
                try (OutputStream in = process.getOutputStream()) {
                    if (stdin != null) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException closedEarly) {
                    // the command ended without reading all its input; its exit code says the rest
                }
            }, "input of " + abbreviate(command));
            feeder.setDaemon(true);
            feeder.start();
            boolean ended;
            try {
                ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                kill(process);
                throw e;
            }
            if (!ended) {
                kill(process);
                throw new EngineException(describe() + ": no answer within " + timeout.toSeconds() + " s from: "
                        + abbreviate(command));
            }
            outReader.join(5_000);
            errReader.join(5_000);
            return new ShellResult(process.exitValue(), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EngineException(describe() + ": cannot run bash (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException(describe() + ": interrupted while running " + abbreviate(command));
        }
    }

    @Override
    public Following follow(String command, Duration limit, Consumer<String> lines) {
        try {
            Process process = new ProcessBuilder("timeout", Long.toString(Math.max(1, limit.toSeconds())), "bash", "-c", command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    in.lines().forEach(lines);
                } catch (IOException | UncheckedIOException stopped) {
                    // closed by the handle
                }
            }, "follow " + abbreviate(command));
            reader.setDaemon(true);
            reader.start();
            return () -> {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            };
        } catch (IOException e) {
            throw new EngineException(describe() + ": cannot follow " + abbreviate(command) + " (" + e.getMessage() + ")");
        }
    }

    @Override
    public Optional<Conversation> converse(String command) {
        return Optional.of(LocalConversation.start(command, describe()));
    }

    @Override
    public void write(String path, byte[] content, int mode) {
        Path file = Path.of(path);
        Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(rwx(mode));
        try {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(permissions));
            }
            Files.setPosixFilePermissions(file, permissions);
            Files.write(file, content);
        } catch (IOException e) {
            throw new EngineException(describe() + ": cannot write " + path + " (" + e.getMessage() + ")");
        }
    }

    @Override
    public String describe() {
        return "this machine";
    }

    @Override
    public void close() {
        // nothing held open
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String rwx(int mode) {
        StringBuilder bits = new StringBuilder();
        for (int shift : List.of(6, 3, 0)) {
            int part = (mode >> shift) & 7;
            bits.append((part & 4) != 0 ? 'r' : '-').append((part & 2) != 0 ? 'w' : '-').append((part & 1) != 0 ? 'x' : '-');
        }
        return bits.toString();
    }

    private static Thread drain(InputStream stream, ByteArrayOutputStream sink, String command) {
        Thread reader = new Thread(() -> {
            try (stream) {
                stream.transferTo(sink);
            } catch (IOException killed) {
                // what was read so far is kept
            }
        }, "output of " + abbreviate(command));
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static String abbreviate(String command) {
        String line = command.replace('\n', ' ');
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }
}
