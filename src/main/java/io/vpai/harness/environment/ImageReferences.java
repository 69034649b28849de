package io.vpai.harness.environment;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Syntax and pinning of a Docker image reference, checked without a registry. */
final class ImageReferences {
    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern REFERENCE = Pattern.compile(
            "(?:[A-Za-z0-9.-]+(?::[0-9]+)?/)?" + COMPONENT + "(?:/" + COMPONENT + ")*"
                    + "(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?"
                    + "(?<digest>@sha256:[a-f0-9]{64})?");

    private ImageReferences() {
    }

    /** Null when {@code reference} is a pinned image reference, otherwise what is wrong with it. */
    static String problem(String reference) {
        if (reference == null || reference.isBlank()) {
            return "image reference is empty";
        }
        Matcher m = REFERENCE.matcher(reference);
        if (!m.matches()) {
            return EnvironmentException.quote(reference) + " is not an image reference (repository:tag)";
        }
        String tag = m.group("tag");
        if (m.group("digest") != null) {
            return null;
        }
        if (tag == null) {
            return EnvironmentException.quote(reference) + " is not pinned: it has no tag, so it means 'latest'";
        }
        if (tag.equals("latest")) {
            return EnvironmentException.quote(reference) + " is not pinned: 'latest' changes under the same name";
        }
        return null;
    }
}
