package io.vpai.harness.dns;

import io.vpai.harness.model.Dns;
import io.vpai.harness.model.DnsRecord;
import io.vpai.harness.model.Stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What each resolver answers, from the model's split DNS: the tailnet resolver answers every tailnet
 * record; the public resolver answers every public record and NXDOMAIN for a name that has a tailnet
 * record only (the seed's {@code mc} and {@code oc}); neither invents a name the model does not declare.
 */
public final class SplitDnsExpectations {
    public static final String TAILNET_ANSWER = "dns.tailnet-answer";
    public static final String PUBLIC_ANSWER = "dns.public-answer";
    public static final String UNDECLARED_NAME = "dns.undeclared-name";
    /** A label no model declares: both resolvers must deny it, or they answer whatever they are asked. */
    public static final String UNDECLARED_LABEL = "vpai-undeclared";

    private SplitDnsExpectations() {
    }

    public static List<DnsExpectation> tailnet(Stack model, FixtureResolver resolver) {
        List<DnsExpectation> out = new ArrayList<>();
        for (DnsRecord record : model.dns().tailnetRecords()) {
            out.add(new DnsExpectation(TAILNET_ANSWER, resolver, record.name(), Optional.of(record.address()),
                    "tailnet record (" + record.access() + ", host " + record.host() + ")"));
        }
        return out;
    }

    /** Every public record, then every name with a tailnet record only, which must not exist publicly. */
    public static List<DnsExpectation> publicZone(Stack model, FixtureResolver resolver) {
        Dns dns = model.dns();
        List<DnsExpectation> out = new ArrayList<>();
        for (DnsRecord record : dns.publicRecords()) {
            out.add(new DnsExpectation(PUBLIC_ANSWER, resolver, record.name(), Optional.of(record.address()),
                    "public record (host " + record.host() + ")"));
        }
        for (DnsRecord record : dns.tailnetRecords()) {
            if (dns.publicRecord(record.name()).isEmpty()) {
                out.add(new DnsExpectation(PUBLIC_ANSWER, resolver, record.name(), Optional.empty(),
                        "tailnet-only name: no public record"));
            }
        }
        return out;
    }

    /** The negative twin of every positive answer: an undeclared name under the domain, on each resolver. */
    public static List<DnsExpectation> undeclared(Stack model, List<FixtureResolver> resolvers) {
        String name = UNDECLARED_LABEL + "." + model.dns().domain();
        return resolvers.stream().map(r -> new DnsExpectation(UNDECLARED_NAME, r, name, Optional.empty(),
                "no record in the model")).toList();
    }
}
