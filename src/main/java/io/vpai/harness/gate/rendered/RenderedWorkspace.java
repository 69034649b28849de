package io.vpai.harness.gate.rendered;

import io.vpai.harness.render.RenderedFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A throwaway directory holding a render, for tools that read files (compose config, caddy adapt). */
final class RenderedWorkspace implements AutoCloseable {
    final Path root;

    RenderedWorkspace(List<RenderedFile> files) {
        try {
            root = Files.createTempDirectory("vpai-gate");
            for (RenderedFile file : files) {
                Path target = root.resolve(file.path());
                Files.createDirectories(target.getParent());
                Files.write(target, file.bytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory; the OS cleans it eventually
        }
    }
}
