package io.vpai.harness.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what the docker CLI prints as JSON ({@code inspect}, {@code --format '{{json .}}'}) with Jackson: into
 * records where the shape is Docker's documented one, into plain maps (with a path helper) or a {@link JsonNode}
 * where it is open. Both targets read the same output: the local engine's CLI and a host's over SSH. Whatever
 * cannot be read is one {@link DockerOutputException} line.
 */
public final class DockerJson {
    /**
     * Docker spells its keys in Go's style ({@code Id}, {@code IPAMConfig}): matching names case-insensitively lets
     * records use Java's names; keys Docker adds in a later version are ignored; trailing text is an error.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private DockerJson() {
    }

    /** {@code json} bound to {@code type} (a record, a list type, {@code Object} for maps and lists). */
    public static <T> T read(String json, Class<T> type, String what) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw unreadable(what, e);
        }
    }

    /** A list of {@code type}: {@code docker inspect} prints one array for every container asked about. */
    public static <T> List<T> readList(String json, Class<T> type, String what) {
        JsonNode tree = tree(json, what);
        if (!tree.isArray()) {
            throw new DockerOutputException(what + " is not a JSON array");
        }
        try {
            return MAPPER.readerForListOf(type).readValue(tree);
        } catch (java.io.IOException e) {
            throw unreadable(what, e);
        }
    }

    /** The tree, for shapes no record describes (a Caddy configuration); blank text is a missing node. */
    public static JsonNode tree(String json, String what) {
        if (json.isBlank()) {
            return MAPPER.missingNode();
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw unreadable(what, e);
        }
    }

    /** Maps, lists and scalars; null for blank text, as an absent answer is not a malformed one. */
    public static Object parse(String json, String what) {
        return json.isBlank() ? null : read(json, Object.class, what);
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

    /** One line: Jackson's own message without its source excerpt, plus where in the text it stopped. */
    private static DockerOutputException unreadable(String what, java.io.IOException e) {
        String problem = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        String first = problem == null ? "" : problem.split("\n")[0];
        String where = e instanceof JsonProcessingException p && p.getLocation() != null
                ? " (line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr() + ")" : "";
        return new DockerOutputException("cannot read " + what + " as JSON: " + first + where);
    }
}
