package io.vpai.harness.model;

import java.util.regex.Pattern;

/** Shared checks for identifiers, so every record rejects a bad name with the same wording. */
final class Names {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9-]*");

    private Names() {
    }

    static String require(String kind, String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new ModelException(kind + " name '" + name + "' must match " + IDENTIFIER.pattern());
        }
        return name;
    }

    static String nonBlank(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new ModelException(what + " must not be blank");
        }
        return value;
    }
}
