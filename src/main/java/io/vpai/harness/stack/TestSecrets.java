package io.vpai.harness.stack;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fresh random values for every variable the compose file references, made per run and handed to
 * Compose through an owner-only env file that lives for one call ({@link ComposeCli}): never on a command line,
 * in a log or in a report.
 */
public final class TestSecrets {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::?[-?][^}]*)?}");
    private final Map<String, String> values;

    private TestSecrets(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Set<String> referencedIn(String composeText) {
        Set<String> names = new TreeSet<>();
        Matcher m = REFERENCE.matcher(composeText);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    public static TestSecrets forCompose(String composeText, Map<String, String> fixed) {
        SecureRandom random = new SecureRandom();
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : referencedIn(composeText)) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            values.put(name, "t" + HexFormat.of().formatHex(bytes));
        }
        values.putAll(fixed);
        return new TestSecrets(values);
    }

    public Map<String, String> asEnvironment() {
        return values;
    }

    public String get(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new StackException("no test value for variable " + name);
        }
        return value;
    }

    /** Every value, so reporters and log checks can assert none of them leaked. */
    public java.util.Collection<String> values() {
        return values.values();
    }
}
