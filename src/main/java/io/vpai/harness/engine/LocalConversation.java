package io.vpai.harness.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A command on this machine kept running between requests ({@link Shell#converse}): its stdout lines are read by
 * one thread into a queue, so an answer can be awaited with a deadline; its last stderr lines explain an end.
 */
final class LocalConversation implements Shell.Conversation {
    /** Put on the queue when stdout ends: the command exited or was killed. */
    private static final Optional<String> ENDED = Optional.empty();
    private static final int STDERR_LINES = 5;

    private final Process process;
    private final String where;
    private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
    private final Deque<String> stderr = new ArrayDeque<>();
    private boolean ended;

    private LocalConversation(Process process, String where) {
        this.process = process;
        this.where = where;
    }

    static LocalConversation start(String command, String describe) {
        try {
            Process process = new ProcessBuilder("bash", "-c", command).start();
            LocalConversation conversation = new LocalConversation(process, describe + ": " + command);
            conversation.read(process.getInputStream(), line -> conversation.lines.add(Optional.of(line)),
                    () -> conversation.lines.add(ENDED));
            conversation.read(process.getErrorStream(), conversation::keepError, () -> { });
            return conversation;
        } catch (IOException e) {
            throw new EngineException(describe + ": cannot start " + command + " (" + e.getMessage() + ")");
        }
    }

    @Override
    public synchronized List<String> ask(String request, String terminator, Duration timeout) {
        if (ended) {
            throw new EngineException(where + " has ended" + lastErrors());
        }
        try {
            OutputStream in = process.getOutputStream();
            in.write(request.getBytes(StandardCharsets.UTF_8));
            in.flush();
            List<String> answer = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Optional<String> line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line.isEmpty()) {
                    close();
                    throw new EngineException(where + (line == null ? ": no '" + terminator + "' within "
                            + timeout.toMillis() + " ms" : ": ended before '" + terminator + "'") + lastErrors());
                }
                if (line.get().equals(terminator)) {
                    return answer;
                }
                answer.add(line.get());
            }
        } catch (IOException e) {
            close();
            throw new EngineException(where + ": cannot send a request (" + e.getMessage() + ")" + lastErrors());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new EngineException(where + ": interrupted while waiting for an answer");
        }
    }

    @Override
    public synchronized void close() {
        ended = true;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private void keepError(String line) {
        synchronized (stderr) {
            stderr.addLast(line);
            while (stderr.size() > STDERR_LINES) {
                stderr.removeFirst();
            }
        }
    }

    private String lastErrors() {
        synchronized (stderr) {
            return stderr.isEmpty() ? "" : " (" + String.join(" | ", stderr) + ")";
        }
    }

    private void read(InputStream stream, Consumer<String> each, Runnable atEnd) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                in.lines().forEach(each);
            } catch (IOException | UncheckedIOException closed) {
                // killed by close(); the queue's end marker follows
            } finally {
                atEnd.run();
            }
        }, "conversation with " + where);
        reader.setDaemon(true);
        reader.start();
    }
}
