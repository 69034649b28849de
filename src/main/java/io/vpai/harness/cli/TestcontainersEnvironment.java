package io.vpai.harness.cli;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Testcontainers reads its Ryuk switch from the process environment only (not from
 * testcontainers.properties), and with no registry the Ryuk image can never be pulled. Surefire
 * sets the variables for tests; for the CLI's Docker commands this relaunches the command in a
 * child JVM that has them. The child inherits the terminal and its exit code is returned.
 */
final class TestcontainersEnvironment {
    static final Map<String, String> SETTINGS = Map.of(
            "TESTCONTAINERS_RYUK_DISABLED", "true",
            "TESTCONTAINERS_CHECKS_DISABLE", "true",
            "TESTCONTAINERS_HOST_OVERRIDE", "localhost");

    private TestcontainersEnvironment() {
    }

    static boolean present() {
        return SETTINGS.entrySet().stream().allMatch(e -> e.getValue().equals(System.getenv(e.getKey())));
    }

    /** Empty when this JVM already has the settings; otherwise the exit code of the relaunched command. */
    static OptionalInt relaunchWithout(String[] args, Path root) {
        if (present()) {
            return OptionalInt.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classpath());
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("vpai.") && !name.equals(ProjectRoot.PROPERTY))
                .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        // The child has no Maven properties: it gets the root this JVM found.
        command.add("-D" + ProjectRoot.PROPERTY + "=" + root);
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(SETTINGS);
        try {
            return OptionalInt.of(builder.start().waitFor());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot relaunch with the Testcontainers settings: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.of(130);
        }
    }

    /** The project classpath: exec:java loads it in a URLClassLoader, plain java in java.class.path. */
    private static String classpath() {
        ClassLoader loader = Main.class.getClassLoader();
        if (loader instanceof URLClassLoader urls) {
            List<String> entries = new ArrayList<>();
            for (URL url : urls.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException ignored) {
                    // not a file: nothing a child JVM could load
                }
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }
}
