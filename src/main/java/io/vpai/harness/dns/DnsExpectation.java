package io.vpai.harness.dns;

import java.util.Objects;
import java.util.Optional;

/**
 * What one resolver should answer for one name: a single A record, or NXDOMAIN when {@code address}
 * is empty.
 *
 * @param source where in the model the expectation comes from, for messages ({@code tailnet record}, ...)
 */
public record DnsExpectation(String checkId, FixtureResolver resolver, String name, Optional<String> address,
                             String source) {
    public DnsExpectation {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(name, "name");
        address = address == null ? Optional.empty() : address;
        Objects.requireNonNull(source, "source");
    }

    /** {@code A 100.64.0.14} or {@code NXDOMAIN} */
    public String describeAnswer() {
        return address.map(a -> "A " + a).orElse("NXDOMAIN");
    }

    /** A sentence for the test name: {@code llm.ewutelo.cloud on the tailnet resolver 100.64.0.53 → A 100.64.0.14}. */
    public String name(boolean neverTailnet) {
        return name + " on " + resolver.describe() + " → " + describeAnswer()
                + (neverTailnet ? ", never a tailnet address" : "");
    }
}
