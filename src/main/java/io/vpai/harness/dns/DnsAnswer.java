package io.vpai.harness.dns;

import org.xbill.DNS.Rcode;

import java.util.List;
import java.util.Optional;

/**
 * What one resolver answered for one A query: the response code and the addresses, or why nothing came
 * back ({@code failure}: a timeout, an unreachable resolver).
 */
public record DnsAnswer(FixtureResolver resolver, String name, int rcode, List<String> addresses,
                        Optional<String> failure) {
    public DnsAnswer {
        addresses = List.copyOf(addresses);
        failure = failure == null ? Optional.empty() : failure;
    }

    public static DnsAnswer answered(FixtureResolver resolver, String name, int rcode, List<String> addresses) {
        return new DnsAnswer(resolver, name, rcode, addresses, Optional.empty());
    }

    public static DnsAnswer unanswered(FixtureResolver resolver, String name, String reason) {
        return new DnsAnswer(resolver, name, -1, List.of(), Optional.of(reason));
    }

    public boolean answered() {
        return failure.isEmpty();
    }

    public boolean nxdomain() {
        return answered() && rcode == Rcode.NXDOMAIN;
    }

    /** Exactly one address and no error: the shape every record of the model has. */
    public Optional<String> singleAddress() {
        return answered() && rcode == Rcode.NOERROR && addresses.size() == 1 ? Optional.of(addresses.get(0)) : Optional.empty();
    }

    /** {@code A 100.64.0.14}, {@code NXDOMAIN}, {@code NOERROR without an A record}, {@code no answer (timed out)} */
    public String describe() {
        if (!answered()) {
            return "no answer (" + failure.get() + ")";
        }
        if (rcode == Rcode.NOERROR) {
            return addresses.isEmpty() ? "NOERROR without an A record" : "A " + String.join(", ", addresses);
        }
        return Rcode.string(rcode) + (addresses.isEmpty() ? "" : " with A " + String.join(", ", addresses));
    }
}
