package io.vpai.harness.environment;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One environment file as text and as SnakeYAML's node tree (nodes keep their lines), with the names messages
 * use for it. A file that cannot be read or parsed is one {@link EnvironmentException} line.
 */
record EnvironmentFile(Path path, String display) {
    static EnvironmentFile of(Path path) {
        return new EnvironmentFile(path, displayName(path));
    }

    /** The document's root node; null for a file with no document (empty, or comments only). */
    Node root() {
        String text = read();
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false); // the composer does not check: YamlMapping does, with both lines
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(20);
        try {
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : firstLine(e.getMessage());
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            throw error(mark == null ? 0 : mark.getLine() + 1, "YAML syntax error: " + problem + context);
        } catch (ReaderException e) {
            int position = Math.min(e.getPosition(), text.length());
            int line = 1 + (int) text.substring(0, position).chars().filter(c -> c == '\n').count();
            throw error(line, String.format("unreadable character U+%04X: %s", e.getCodePoint(), firstLine(e.getMessage())));
        } catch (YAMLException e) {
            throw error(0, "YAML error: " + firstLine(e.getMessage()));
        }
    }

    EnvironmentException error(int line, String problem) {
        return EnvironmentException.at(display, line, null, problem);
    }

    private String read() {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw error(0, "no such file");
        } catch (MalformedInputException e) {
            throw error(0, "is not UTF-8 text");
        } catch (IOException e) {
            throw error(0, "cannot be read: " + e);
        }
    }

    private static String firstLine(String text) {
        return text == null ? "unknown" : text.lines().findFirst().orElse("");
    }

    /** {@code environments/offline.yaml} for a file in an environments folder, else the path as given. */
    static String displayName(Path file) {
        return inEnvironments(file) ? Environments.DIRECTORY + "/" + file.getFileName() : file.toString();
    }

    /** The directory holding {@code environments/}: relative paths in a file are relative to it. */
    Path projectRoot() {
        Path parent = path.toAbsolutePath().normalize().getParent();
        return inEnvironments(path) && parent.getParent() != null ? parent.getParent() : parent;
    }

    /** The file name without {@code .yaml} / {@code .yml}: what the {@code name} key must say. */
    String baseName() {
        String fileName = path.getFileName().toString();
        for (String extension : List.of(".yaml", ".yml")) {
            if (fileName.toLowerCase(Locale.ROOT).endsWith(extension)) {
                return fileName.substring(0, fileName.length() - extension.length());
            }
        }
        return fileName;
    }

    private static boolean inEnvironments(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent != null && parent.getFileName() != null
                && parent.getFileName().toString().equals(Environments.DIRECTORY);
    }
}
