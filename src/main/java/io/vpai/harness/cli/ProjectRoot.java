package io.vpai.harness.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The project root every command reads and writes under: run from a subfolder, `render` must not grow
 * a second compose/ tree there. Order: {@code -Dvpai.root} (must be the project), Maven's
 * {@code maven.multiModuleProjectDirectory} when it is the project, then the working directory and the
 * folders above it. None found: one line, exit 2.
 */
final class ProjectRoot {
    static final String PROPERTY = "vpai.root";
    static final String MAVEN_PROPERTY = "maven.multiModuleProjectDirectory";
    private static final String ARTIFACT = "<artifactId>vpai-conformance</artifactId>";
    private static final String SOURCES = "src/main/java/io/vpai/harness";

    /** No project root: the message is the one line to print. */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    private ProjectRoot() {
    }

    static Path find(Path workingDirectory, UnaryOperator<String> properties) {
        String explicit = properties.apply(PROPERTY);
        if (explicit != null) {
            Path root = Path.of(explicit).toAbsolutePath().normalize();
            if (!isRoot(root)) {
                throw new NotFound("-D" + PROPERTY + "=" + explicit + ": not the project root (" + what() + ")");
            }
            return root;
        }
        String maven = properties.apply(MAVEN_PROPERTY);
        if (maven != null && !maven.isBlank() && isRoot(Path.of(maven).toAbsolutePath().normalize())) {
            return Path.of(maven).toAbsolutePath().normalize();
        }
        Path start = workingDirectory.toAbsolutePath().normalize();
        return walkUp(start).orElseThrow(() -> new NotFound("no project root: neither " + start
                + " nor a folder above it is the project (" + what() + "); run from the project or pass -D"
                + PROPERTY + "=DIR"));
    }

    private static Optional<Path> walkUp(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    static boolean isRoot(Path dir) {
        Path pom = dir.resolve("pom.xml");
        if (!Files.isRegularFile(pom) || !Files.isDirectory(dir.resolve(SOURCES))) {
            return false;
        }
        try {
            return Files.readString(pom).contains(ARTIFACT);
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static String what() {
        return "a pom.xml with artifactId vpai-conformance beside " + SOURCES;
    }
}
