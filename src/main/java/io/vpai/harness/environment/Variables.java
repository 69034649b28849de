package io.vpai.harness.environment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${NAME}} references in SSH settings. They are checked for form at load and substituted only
 * at {@link SshEnvironment#resolve}, so a file validates on a machine that has none of the variables.
 */
final class Variables {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private Variables() {
    }

    static boolean isName(String text) {
        return NAME.matcher(text).matches();
    }

    static boolean hasReference(String text) {
        return text.indexOf('$') >= 0;
    }

    /** Null when every {@code $} in {@code text} starts a well-formed {@code ${NAME}}, else what is wrong. */
    static String problem(String text) {
        String rest = REFERENCE.matcher(text).replaceAll("");
        if (rest.indexOf('$') >= 0) {
            return EnvironmentException.quote(text) + " has a malformed variable reference; write ${NAME}";
        }
        return null;
    }

    static List<String> names(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * {@code text} with each reference replaced by its value; an unset or blank variable is reported
     * through {@code unset} (which throws).
     */
    static String substitute(String text, Map<String, String> env, java.util.function.Function<String, RuntimeException> unset) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null || value.isBlank()) {
                throw unset.apply(m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.strip()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
