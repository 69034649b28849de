package io.vpai.harness.environment;

import io.vpai.harness.model.Stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The environments a project declares, by name: {@code environments/<name>.yaml} under the project root. */
public final class Environments {
    public static final String DIRECTORY = "environments";
    /** The system property naming the environment a run targets (Maven passes {@code -Dvpai.env}). */
    public static final String PROPERTY = "vpai.env";
    public static final String DEFAULT = "offline";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final String EXTENSION = ".yaml";

    private Environments() {
    }

    /** Loads {@code environments/<name>.yaml}; an unknown name fails listing the available ones. */
    public static Environment load(Path projectRoot, String name, Stack model) {
        Path file = file(projectRoot, name);
        if (!Files.isRegularFile(file)) {
            throw EnvironmentException.at(DIRECTORY + "/" + name + EXTENSION, 0, null,
                    "no environment '" + name + "' (available: " + String.join(", ", available(projectRoot)) + ")");
        }
        return EnvironmentLoader.load(file, model);
    }

    /** The environment named by {@value #PROPERTY}, {@value #DEFAULT} when unset. */
    public static Environment selected(Path projectRoot, Stack model) {
        return load(projectRoot, System.getProperty(PROPERTY, DEFAULT), model);
    }

    public static Path file(Path projectRoot, String name) {
        // The name becomes a path: keep it from naming anything outside environments/.
        if (name == null || !NAME.matcher(name).matches()) {
            throw EnvironmentException.of(null, "'" + name + "' is not an environment name (expected " + NAME.pattern()
                    + "; available: " + String.join(", ", available(projectRoot)) + ")");
        }
        return projectRoot.resolve(DIRECTORY).resolve(name + EXTENSION);
    }

    /** Names of the environment files under {@code projectRoot}, sorted. */
    public static List<String> available(Path projectRoot) {
        Path directory = projectRoot.resolve(DIRECTORY);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(EXTENSION))
                    .map(f -> f.substring(0, f.length() - EXTENSION.length())).sorted().toList();
        } catch (IOException e) {
            throw EnvironmentException.of(null, "cannot list " + directory + ": " + e);
        }
    }
}
