package io.vpai.harness.environment;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One mapping of an environment file with its dotted path, read strictly: string keys only, no
 * duplicates, and every accessor fails with the file, the line of the offending node and the key path.
 */
final class YamlMapping {
    private static final Set<String> TRUE = Set.of("true", "yes", "on");

    private final String file;
    private final String path;
    /** Where "missing" is reported: the line of this mapping's own key, or its first line at the top level. */
    private final int anchorLine;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private YamlMapping(String file, String path, MappingNode node, int anchorLine) {
        this.file = file;
        this.path = path;
        this.anchorLine = anchorLine;
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar) || keyNode.getTag().equals(Tag.MERGE)) {
                throw error(keyNode, path, "keys must be plain names (found " + kind(keyNode) + ")");
            }
            String key = scalar.getValue();
            NodeTuple earlier = entries.putIfAbsent(key, tuple);
            if (earlier != null) {
                throw error(keyNode, child(key), "duplicate key (first at line " + line(earlier.getKeyNode()) + ")");
            }
        }
    }

    /** {@code node} as a mapping at {@code path} ("" for the top level). */
    static YamlMapping of(String file, String path, Node node) {
        return of(file, path, node, line(node));
    }

    private static YamlMapping of(String file, String path, Node node, int anchorLine) {
        if (!(node instanceof MappingNode mapping)) {
            throw EnvironmentException.at(file, line(node), path.isEmpty() ? null : path,
                    "expected a mapping, found " + kind(node));
        }
        return new YamlMapping(file, path, mapping, anchorLine);
    }

    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** Where something this mapping lacks is reported: its own key's line, or its first line at the top level. */
    int anchorLine() {
        return anchorLine;
    }

    String path() {
        return path;
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Set<String> keys() {
        return entries.keySet();
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    int keyLine(String key) {
        return line(entries.get(key).getKeyNode());
    }

    /** Rejects the first key (in file order) not in {@code allowed}. */
    void allowOnly(List<String> allowed) {
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                throw error(entry.getValue().getKeyNode(), child(entry.getKey()),
                        "unknown key (expected: " + String.join(", ", allowed) + ")");
            }
        }
    }

    /** Exactly one of {@code a} and {@code b} is present; returns which. */
    String exactlyOne(String a, String b) {
        if (has(a) && has(b)) {
            throw error(entries.get(b).getKeyNode(), path, "has both " + a + " and " + b + "; give exactly one");
        }
        if (!has(a) && !has(b)) {
            throw errorAt(anchorLine, path, "needs exactly one of " + a + " or " + b);
        }
        return has(a) ? a : b;
    }

    Node value(String key) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            throw errorAt(anchorLine, child(key), "missing (required)");
        }
        Node value = tuple.getValueNode();
        if (value instanceof ScalarNode && value.getTag().equals(Tag.NULL)) {
            throw error(tuple.getKeyNode(), child(key), "has no value");
        }
        return value;
    }

    YamlMapping mapping(String key) {
        return of(file, child(key), value(key), keyLine(key));
    }

    /** A non-blank, single-line string; YAML's other scalar types must be quoted to count as one. */
    String string(String key) {
        Node value = value(key);
        if (!(value instanceof ScalarNode scalar) || !value.getTag().equals(Tag.STR)) {
            throw error(value, child(key), "expected a string, found " + kind(value)
                    + (value instanceof ScalarNode ? " (quote it to make it a string)" : ""));
        }
        String text = scalar.getValue();
        if (text.isBlank()) {
            throw error(value, child(key), "must not be empty");
        }
        if (text.strip().contains("\n")) {
            throw error(value, child(key), "must be one line");
        }
        return text.strip();
    }

    /** A decimal integer. */
    int integer(String key) {
        Node value = value(key);
        if (!(value instanceof ScalarNode scalar) || !value.getTag().equals(Tag.INT)
                || !scalar.getValue().matches("[0-9]{1,9}")) {
            throw error(value, child(key), "expected a decimal integer, found " + kind(value));
        }
        return Integer.parseInt(scalar.getValue());
    }

    boolean bool(String key) {
        Node value = value(key);
        if (!(value instanceof ScalarNode scalar) || !value.getTag().equals(Tag.BOOL)) {
            throw error(value, child(key), "expected true or false, found " + kind(value));
        }
        return TRUE.contains(scalar.getValue().toLowerCase(java.util.Locale.ROOT));
    }

    EnvironmentException error(Node at, String keyPath, String problem) {
        return errorAt(line(at), keyPath, problem);
    }

    private EnvironmentException errorAt(int line, String keyPath, String problem) {
        return EnvironmentException.at(file, line, keyPath.isEmpty() ? null : keyPath, problem);
    }

    /** Errors about a key itself (unknown, misplaced): at the key's line. */
    EnvironmentException keyError(String key, String problem) {
        return error(entries.get(key).getKeyNode(), child(key), problem);
    }

    /** Errors about a value: at the value's line. */
    EnvironmentException valueError(String key, String problem) {
        return error(entries.get(key).getValueNode(), child(key), problem);
    }

    static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        Tag tag = node.getTag();
        String value = node instanceof ScalarNode scalar ? " " + EnvironmentException.quote(scalar.getValue()) : "";
        if (tag.equals(Tag.STR)) {
            return "the string" + value;
        }
        if (tag.equals(Tag.INT)) {
            return "the integer" + value;
        }
        if (tag.equals(Tag.FLOAT)) {
            return "the number" + value;
        }
        if (tag.equals(Tag.BOOL)) {
            return "the boolean" + value;
        }
        if (tag.equals(Tag.NULL)) {
            return "no value";
        }
        if (tag.equals(Tag.TIMESTAMP)) {
            return "the timestamp" + value;
        }
        return "a value tagged " + tag.getValue() + value;
    }
}
