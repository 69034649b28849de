package io.vpai.harness.inventory;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what the docker CLI prints as JSON ({@code inspect}, {@code --format '{{json .}}'}). JSON is YAML's
 * flow style, so the YAML parser the project already has reads it; a path helper walks the maps. Both targets
 * read the same output: the local engine's CLI and a host's over SSH.
 */
public final class DockerJson {
    private DockerJson() {
    }

    public static Object parse(String json, String what) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        try {
            return new Yaml(options).load(json);
        } catch (YAMLException e) {
            String first = e.getMessage() == null ? "" : e.getMessage().split("\n")[0];
            throw new DockerOutputException("cannot read " + what + " as JSON: " + first);
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> array(String json, String what) {
        Object parsed = parse(json, what);
        if (!(parsed instanceof List<?>)) {
            throw new DockerOutputException(what + " is not a JSON array");
        }
        return (List<Map<String, Object>>) parsed;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String json, String what) {
        Object parsed = parse(json, what);
        if (!(parsed instanceof Map<?, ?>)) {
            throw new DockerOutputException(what + " is not a JSON object");
        }
        return (Map<String, Object>) parsed;
    }

    /** The value at {@code a.b.c}, empty where any step is missing or null. */
    public static Optional<Object> at(Map<String, Object> root, String path) {
        Object current = root;
        for (String step : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            current = map.get(step);
        }
        return Optional.ofNullable(current);
    }

    public static String string(Map<String, Object> root, String path) {
        return at(root, path).map(Object::toString).orElse("");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<String, Object> root, String path) {
        return at(root, path).filter(v -> v instanceof Map<?, ?>).map(v -> (Map<String, Object>) v).orElse(Map.of());
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Map<String, Object> root, String path) {
        return at(root, path).filter(v -> v instanceof List<?>).map(v -> (List<Object>) v).orElse(List.of());
    }
}
