package io.vpai.harness.render;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every YAML file the harness writes — the shipped compose files, Headscale's DNS section, a test run's compose
 * override — goes through SnakeYAML's emitter with one quoting rule, so it is a visible rule and not a library
 * default: a string stays plain only when no YAML 1.1 reader (docker-compose 1.29's PyYAML is one) could take it
 * for anything but that string ({@code 80:80} is base 60, {@code yes} a boolean, {@code 010} octal); everything
 * else is double-quoted. Numbers are written as numbers (a LiteLLM budget is {@code 5.0}). Key order is the maps'
 * own order, so callers pass {@code LinkedHashMap}s.
 */
public final class YamlWriter {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./-]*");
    /** YAML 1.1 booleans and nulls: plain, they would not read back as strings. */
    private static final Pattern RESERVED = Pattern.compile(
            "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL");
    /** A line that starts an entry of a top-level section: two spaces, then a key (not a list item). */
    private static final Pattern SECTION_ENTRY = Pattern.compile("  [^ -].*");

    private YamlWriter() {
    }

    /**
     * The document. Top-level entries are separated by a blank line, and so are the entries of the top-level
     * sections named in {@code spacedSections} (a compose file's services, say), for a reader's eye.
     */
    public static String emit(Map<String, ?> root, Set<String> spacedSections) {
        requireRenderable(root);
        String dumped = yaml().dump(root);
        StringBuilder out = new StringBuilder();
        String section = null;
        boolean firstInSection = false;
        // Safe line by line: no scalar spans lines (lines are never split; a newline in a string is quoted as \n).
        for (String line : dumped.split("\n")) {
            if (!line.startsWith(" ")) {
                if (out.length() > 0) {
                    out.append('\n');
                }
                section = spacedSections.stream().filter(s -> line.equals(plainOrQuoted(s) + ":")).findFirst().orElse(null);
                firstInSection = true;
            } else if (section != null && SECTION_ENTRY.matcher(line).matches()) {
                if (!firstInSection) {
                    out.append('\n');
                }
                firstInSection = false;
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** The text a string is written as: itself where plain is unambiguous, else double-quoted by the emitter. */
    static String scalar(Object value) {
        return yaml().dump(value).strip();
    }

    private static String plainOrQuoted(String text) {
        return isPlain(text) ? text : scalar(text);
    }

    private static boolean isPlain(String text) {
        return PLAIN.matcher(text).matches() && !RESERVED.matcher(text).matches();
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setSplitLines(false);
        options.setDereferenceAliases(true); // Compose files share empty maps; anchors would only confuse a reader
        options.setAllowUnicode(true);
        options.setLineBreak(DumperOptions.LineBreak.UNIX);
        return new Yaml(new QuotingRepresenter(options), options);
    }

    /** Strings by the rule above; integers, booleans, maps and lists as SnakeYAML writes them. */
    private static final class QuotingRepresenter extends Representer {
        QuotingRepresenter(DumperOptions options) {
            super(options);
            this.representers.put(String.class, new Represent() {
                @Override
                public Node representData(Object data) {
                    String text = (String) data;
                    return representScalar(Tag.STR, text,
                            isPlain(text) ? DumperOptions.ScalarStyle.PLAIN : DumperOptions.ScalarStyle.DOUBLE_QUOTED);
                }
            });
        }
    }

    /** Lists of lists and other shapes no rendered file uses are refused rather than written in some style. */
    static void requireRenderable(Object value) {
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(YamlWriter::requireRenderable);
        } else if (value instanceof List<?> list) {
            list.forEach(item -> {
                if (item instanceof List<?>) {
                    throw new IllegalArgumentException("nested sequences are not used by any rendered file");
                }
                requireRenderable(item);
            });
        } else if (!(value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Boolean || value instanceof Double)) {
            throw new IllegalArgumentException("no YAML scalar form for "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
    }
}
