package io.vpai.harness.images;

import io.vpai.harness.report.PhaseClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One call's work: plan the wanted images, find which are missing, build those in waves (an
 * image waits only for its parent; images of one wave build side by side, since most of their
 * time is spent downloading packages).
 */
final class BuildRun {

    /** Concurrent builds per wave; override with -Dvpai.images.parallelism=N. */
    static final int PARALLELISM = Integer.getInteger("vpai.images.parallelism", 3);

    /** Serialises callers in this JVM; the file lock below serialises JVMs (parallel Maven runs). */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();
    private static final Path CROSS_PROCESS = Path.of(System.getProperty("java.io.tmpdir"), "vpai-offline-images.lock");

    private final Path projectRoot;
    private final Consumer<String> progress;

    BuildRun(Path projectRoot, Consumer<String> progress) {
        this.projectRoot = projectRoot;
        Consumer<String> sink = progress == null ? line -> { } : progress;
        // Builds of one wave report from several threads.
        this.progress = line -> {
            synchronized (this) {
                sink.accept(line);
            }
        };
    }

    /** Makes sure every wanted image and its ancestors exist; returns logical name -> reference. */
    Map<String, String> ensure(Collection<ImageSpec> wanted) {
        long start = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        BuildPlan plan = BuildPlan.of(projectRoot, wanted);
        IN_PROCESS.lock();
        try (FileChannel channel = FileChannel.open(CROSS_PROCESS, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                  FileLock ignored = channel.lock()) {
            Set<String> present = LocalImages.harnessImageRefs();
            List<PlannedImage> missing = plan.images().stream().filter(i -> !present.contains(i.ref())).toList();
            if (missing.isEmpty()) {
                progress.accept("offline images: all " + plan.images().size() + " up to date");
                PhaseClock.record("images: checked, all up to date", startMillis, System.currentTimeMillis());
            } else {
                progress.accept("offline images: building " + missing.size() + " of " + plan.images().size() + ": "
                        + missing.stream().map(i -> i.spec().logicalName()).collect(Collectors.joining(", ")));
                buildInWaves(missing);
                PhaseClock.record("images: " + missing.size() + " built", startMillis, System.currentTimeMillis());
                progress.accept("offline images: ready after " + seconds(Duration.ofNanos(System.nanoTime() - start)));
            }
            return plan.refsByLogicalName();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the image build lock " + CROSS_PROCESS, e);
        } finally {
            IN_PROCESS.unlock();
        }
    }

    private void buildInWaves(List<PlannedImage> missing) {
        ImageBuilder builder = new ImageBuilder(projectRoot);
        Map<String, PlannedImage> remaining = new LinkedHashMap<>();
        missing.forEach(i -> remaining.put(i.spec().logicalName(), i));
        ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM, runnable -> {
            Thread thread = new Thread(runnable, "offline-image-build");
            thread.setDaemon(true);
            return thread;
        });
        try {
            while (!remaining.isEmpty()) {
                List<PlannedImage> wave = remaining.values().stream()
                        .filter(i -> i.spec().parent().map(p -> !remaining.containsKey(p)).orElse(true))
                        .toList();
                List<Future<?>> builds = new ArrayList<>();
                for (PlannedImage image : wave) {
                    builds.add(pool.submit(() -> buildOne(builder, image)));
                }
                awaitAll(builds);
                wave.forEach(i -> remaining.remove(i.spec().logicalName()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void buildOne(ImageBuilder builder, PlannedImage image) {
        long start = System.nanoTime();
        progress.accept("offline image " + image.spec().logicalName() + ": building " + image.ref()
                + image.parentRef().map(p -> " FROM " + p).orElse(" with debootstrap"));
        builder.build(image);
        progress.accept("offline image " + image.spec().logicalName() + ": built in "
                + seconds(Duration.ofNanos(System.nanoTime() - start)));
    }

    /** Lets the whole wave finish, then reports the first failure with the others suppressed. */
    private static void awaitAll(List<Future<?>> builds) {
        RuntimeException first = null;
        for (Future<?> build : builds) {
            try {
                build.get();
            } catch (ExecutionException e) {
                RuntimeException failure = e.getCause() instanceof RuntimeException r
                        ? r : new ImageBuildException(String.valueOf(e.getCause()), e.getCause());
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ImageBuildException("interrupted while building offline images", e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
