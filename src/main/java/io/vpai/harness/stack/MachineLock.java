package io.vpai.harness.stack;

import io.vpai.harness.wait.Poll;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One harness stack per Docker engine: the production subnets and published ports are fixed, so two
 * runs would collide. The lock is held by the JVM that owns the stack; the kernel drops it when that
 * JVM dies (even by SIGKILL), which is also what makes reaping at start safe: whatever the reaper
 * finds belongs to nobody alive.
 */
public final class MachineLock implements AutoCloseable {
    private static final Path FILE = Path.of(System.getProperty("java.io.tmpdir"), "vpai-harness.lock");
    private final FileChannel channel;
    private final FileLock lock;

    private MachineLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static MachineLock acquire(Duration patience, Consumer<String> log) {
        return acquire(FILE, patience, log);
    }

    static MachineLock acquire(Path file, Duration patience, Consumer<String> log) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StackException("cannot lock " + file + ": " + e.getMessage());
        }
        try {
            Optional<FileLock> lock = Poll.of("the machine lock " + file, () -> tryLock(channel, file))
                    .every(Duration.ofSeconds(1))
                    .describedAs(held -> held.isPresent() ? "ours" : "held by another run")
                    .onChange(state -> {
                        if (!state.equals("ours")) {
                            log.accept("another harness run holds " + file + "; waiting up to "
                                    + patience.toMinutes() + " min");
                        }
                    })
                    .until(Optional::isPresent, patience);
            return new MachineLock(channel, lock.orElseThrow());
        } catch (Poll.WaitTimeout e) {
            closeQuietly(channel);
            throw new StackException("another harness run still holds " + file + " after "
                    + patience.toMinutes() + " min");
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static Optional<FileLock> tryLock(FileChannel channel, Path file) {
        try {
            return Optional.ofNullable(channel.tryLock());
        } catch (OverlappingFileLockException sameJvm) {
            throw new StackException("this JVM already runs a harness stack; close it before starting another");
        } catch (IOException e) {
            throw new StackException("cannot lock " + file + ": " + e.getMessage());
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing held
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the kernel releases it with the process anyway
        }
    }
}
