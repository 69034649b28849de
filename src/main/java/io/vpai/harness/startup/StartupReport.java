package io.vpai.harness.startup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes the timeline picture and table to {@code reports/startup/}, each file replaced whole. */
public final class StartupReport {
    public static final String DIRECTORY = "reports/startup";
    public static final String SVG = "timeline.svg";
    public static final String MARKDOWN = "timeline.md";

    private StartupReport() {
    }

    /** Returns the directory written to. */
    public static Path write(Path projectRoot, String svg, String markdown) {
        Path directory = projectRoot.resolve(DIRECTORY);
        try {
            Files.createDirectories(directory);
            replace(directory.resolve(SVG), svg);
            replace(directory.resolve(MARKDOWN), markdown);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the startup timeline to " + directory, e);
        }
    }

    /** A reader (a report server, a CI artifact upload) never sees half a picture. */
    private static void replace(Path target, String content) throws IOException {
        Path staging = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.writeString(staging, content);
        Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
