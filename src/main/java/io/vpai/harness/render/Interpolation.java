package io.vpai.harness.render;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The variables Compose would interpolate in a text: {@code ${NAME}}, {@code ${NAME:-x}},
 * {@code ${NAME?err}} and bare {@code $NAME}; {@code $$} is Compose's escaped dollar and names nothing.
 */
public final class Interpolation {
    private Interpolation() {
    }

    public static Set<String> variables(String text) {
        Set<String> names = new LinkedHashSet<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) {
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                i += 2;
                continue;
            }
            int start = next == '{' ? i + 2 : i + 1;
            int end = start;
            while (end < text.length() && isNamePart(text.charAt(end), end == start)) {
                end++;
            }
            if (end > start) {
                names.add(text.substring(start, end));
            }
            i = Math.max(end, i + 1);
        }
        return names;
    }

    private static boolean isNamePart(char c, boolean first) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (!first && c >= '0' && c <= '9');
    }
}
