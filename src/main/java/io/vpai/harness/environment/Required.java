package io.vpai.harness.environment;

import java.util.Objects;

/** The values a record of this package cannot be built without: one line per record, the names in one string. */
final class Required {
    private Required() {
    }

    /** Each value is non-null; {@code names} lists them space-separated, in order, for the exception's message. */
    static void nonNull(String names, Object... values) {
        String[] each = names.split(" ");
        for (int i = 0; i < values.length; i++) {
            Objects.requireNonNull(values[i], each[i]);
        }
    }

    /** A path or name written in a file: present and not blank, else one line naming its key. */
    static void text(String value, String keyPath) {
        if (value == null || value.isBlank()) {
            throw EnvironmentException.of(keyPath, "must not be empty");
        }
    }
}
