package io.vpai.harness.dns;

import io.vpai.harness.check.Finding;
import io.vpai.harness.model.Cidr;

/**
 * An answer against its expectation, as a finding whose message names the record, the resolver, the
 * expected and the actual answer, and the environment. A public answer inside the tailnet prefix fails
 * whatever was expected: the public zone must never reveal the mesh.
 */
public record DnsComparison(String environment, Cidr tailnetPrefix) {

    public Finding compare(DnsExpectation expected, DnsAnswer actual) {
        String subject = expected.name() + " @" + expected.resolver().address();
        String record = "record " + expected.name() + " (" + expected.source() + ") on " + expected.resolver().describe();
        if (expected.resolver().isPublic()) {
            for (String address : actual.addresses()) {
                if (tailnetPrefix.contains(address)) {
                    return Finding.fail(expected.checkId(), subject, "Expecting " + record + " never to answer a tailnet "
                            + "address but it answered " + actual.describe() + " (inside " + tailnetPrefix + ")"
                            + where());
                }
            }
        }
        boolean ok = expected.address().map(a -> actual.singleAddress().filter(a::equals).isPresent())
                .orElse(actual.nxdomain());
        return ok
                ? Finding.pass(expected.checkId(), subject, record + " answered " + actual.describe() + " as expected" + where())
                : Finding.fail(expected.checkId(), subject, "Expecting " + record + " to answer " + expected.describeAnswer()
                + " but it answered " + actual.describe() + where());
    }

    private String where() {
        return " [environment " + environment + "]";
    }
}
