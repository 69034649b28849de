package io.vpai.harness.probe;

import io.vpai.harness.model.Ipv4;
import io.vpai.harness.model.ModelException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a DNS probe saw: the response code and the A records, or no answer at all (the resolver stayed silent
 * within the timeout; {@code rcode} empty).
 *
 * @param rcode     {@code NOERROR}, {@code NXDOMAIN}, {@code SERVFAIL}, … as dig prints it; empty for no answer
 * @param addresses the A records answered, in the resolver's order
 */
public record DnsResult(DnsProbe probe, Optional<String> rcode, List<Ipv4> addresses) implements ProbeResult {
    public static final String NO_ANSWER = "no-answer";

    public DnsResult {
        addresses = List.copyOf(addresses);
    }

    /** {@code NOERROR 100.64.0.14 100.64.0.15}, {@code NXDOMAIN}, or {@code no-answer}. */
    static Optional<DnsResult> parse(DnsProbe probe, String answer) {
        if (answer.equals(NO_ANSWER)) {
            return Optional.of(new DnsResult(probe, Optional.empty(), List.of()));
        }
        String[] words = answer.split("\\s+");
        if (!words[0].matches("[A-Z]+")) {
            return Optional.empty();
        }
        List<Ipv4> addresses = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            try {
                addresses.add(Ipv4.parse(words[i]));
            } catch (ModelException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new DnsResult(probe, Optional.of(words[0]), addresses));
    }

    public boolean answered() {
        return rcode.isPresent();
    }

    public boolean nxdomain() {
        return rcode.filter("NXDOMAIN"::equals).isPresent();
    }

    @Override
    public DnsResult dns() {
        return this;
    }

    @Override
    public String answer() {
        if (rcode.isEmpty()) {
            return NO_ANSWER;
        }
        StringBuilder out = new StringBuilder(rcode.get());
        addresses.forEach(a -> out.append(' ').append(a));
        return out.toString();
    }

    @Override
    public String toString() {
        return probe.describe() + ": " + answer();
    }
}
