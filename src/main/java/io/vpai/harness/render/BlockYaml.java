package io.vpai.harness.render;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A small block-style YAML writer for nested {@code Map}/{@code List}/scalar trees. Written by hand
 * rather than through SnakeYAML's dumper so that quoting is a visible rule, not a library default:
 * a string stays plain only when no YAML 1.1 reader (docker-compose 1.29 is one) could take it for
 * anything but that string; everything else is double-quoted. Key order is the maps' own order,
 * so callers pass {@code LinkedHashMap}s.
 */
final class BlockYaml {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./-]*");
    /** YAML 1.1 booleans and nulls: plain, they would not read back as strings. */
    private static final Pattern RESERVED = Pattern.compile(
            "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL");
    private static final String INDENT = "  ";

    private BlockYaml() {
    }

    /**
     * The document. Top-level entries are separated by a blank line, and so are the entries of the
     * top-level sections named in {@code spacedSections} (a compose file's services, say).
     */
    static String emit(Map<String, ?> root, Set<String> spacedSections) {
        StringBuilder out = new StringBuilder();
        new BlockYamlWriter(out, spacedSections).mapping(root, 0, true);
        return out.toString();
    }

    static String scalar(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof String text) {
            return PLAIN.matcher(text).matches() && !RESERVED.matcher(text).matches() ? text : quoted(text);
        }
        throw new IllegalArgumentException("no YAML scalar form for " + value.getClass().getSimpleName());
    }

    static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** One document being written; holds the output and the spacing rule. */
    private static final class BlockYamlWriter {
        private final StringBuilder out;
        private final Set<String> spacedSections;

        BlockYamlWriter(StringBuilder out, Set<String> spacedSections) {
            this.out = out;
            this.spacedSections = spacedSections;
        }

        void mapping(Map<String, ?> map, int depth, boolean spaced) {
            boolean first = true;
            for (Map.Entry<String, ?> entry : map.entrySet()) {
                if (!first && spaced) {
                    out.append('\n');
                }
                first = false;
                out.append(INDENT.repeat(depth)).append(scalar(entry.getKey())).append(':');
                if (depth == 0 && entry.getValue() instanceof Map<?, ?> section && !section.isEmpty()) {
                    out.append('\n');
                    mapping(cast(section), 1, spacedSections.contains(entry.getKey()));
                } else {
                    value(entry.getValue(), depth);
                }
            }
        }

        /** Writes what follows "key:" or "- ": inline for scalars and empty collections, else a block. */
        void value(Object value, int depth) {
            if (value instanceof Map<?, ?> map) {
                if (map.isEmpty()) {
                    out.append(" {}\n");
                } else {
                    out.append('\n');
                    mapping(cast(map), depth + 1, false);
                }
            } else if (value instanceof List<?> list) {
                if (list.isEmpty()) {
                    out.append(" []\n");
                } else {
                    out.append('\n');
                    sequence(list, depth + 1);
                }
            } else {
                out.append(' ').append(scalar(value)).append('\n');
            }
        }

        void sequence(List<?> list, int depth) {
            for (Object item : list) {
                String dash = INDENT.repeat(depth) + "- ";
                if (item instanceof Map<?, ?> map && !map.isEmpty()) {
                    // The first key shares the dash's line; the others line up under it.
                    boolean first = true;
                    for (Map.Entry<String, ?> entry : cast(map).entrySet()) {
                        out.append(first ? dash : INDENT.repeat(depth + 1)).append(scalar(entry.getKey())).append(':');
                        value(entry.getValue(), depth + 1);
                        first = false;
                    }
                } else if (item instanceof List<?> || item instanceof Map<?, ?>) {
                    throw new IllegalArgumentException("nested sequences and empty mappings in a sequence are not used by any rendered file");
                } else {
                    out.append(dash).append(scalar(item)).append('\n');
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }
}
