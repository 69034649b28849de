package io.vpai.harness.stack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
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
        try {
            FileChannel channel = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            Instant end = Instant.now().plus(patience);
            boolean told = false;
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (java.nio.channels.OverlappingFileLockException sameJvm) {
                    channel.close();
                    throw new StackException("this JVM already runs a harness stack; close it before starting another");
                }
                if (lock != null) {
                    return new MachineLock(channel, lock);
                }
                if (!told) {
                    log.accept("another harness run holds " + FILE + "; waiting up to " + patience.toMinutes() + " min");
                    told = true;
                }
                if (Instant.now().isAfter(end)) {
                    channel.close();
                    throw new StackException("another harness run still holds " + FILE + " after "
                            + patience.toMinutes() + " min");
                }
                Thread.sleep(1000);
            }
        } catch (IOException e) {
            throw new StackException("cannot lock " + FILE + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for " + FILE);
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
