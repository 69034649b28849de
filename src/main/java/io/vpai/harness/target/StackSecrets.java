package io.vpai.harness.target;

import java.util.Collection;
import java.util.Optional;

/**
 * The values a stack was started with, where the harness chose them (an ephemeral container stack): what a spec
 * needs to speak to a service as its legitimate clients do, and what every message of that spec must hide.
 * Targets that do not hand their secrets to the harness (a real host) do not offer this capability.
 */
public interface StackSecrets {
    /** The value of a compose variable in this run, or empty where the run did not set it. */
    Optional<String> secret(String variable);

    /** {@code text} with every value of this run replaced by a marker: outputs can end up in failure messages. */
    String redact(String text);

    /**
     * {@code text} with each of {@code values} replaced by {@code [secret]}, the one rule every redaction follows.
     * Values shorter than six characters are left: they would mark ordinary words, and no secret here is that short.
     */
    static String redact(String text, Collection<String> values) {
        String out = text;
        for (String value : values) {
            if (value != null && value.length() >= 6) {
                out = out.replace(value, "[secret]");
            }
        }
        return out;
    }
}
