package io.vpai.harness.gate;

import io.vpai.harness.baseline.ArchitectureBaseline;
import io.vpai.harness.baseline.BaselineRecord;
import io.vpai.harness.check.Finding;
import io.vpai.harness.model.Access;
import io.vpai.harness.model.DnsRecord;
import io.vpai.harness.model.Stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The answers themselves: what MagicDNS gives a VPN client (section 0's table) and what the public
 * zone gives everyone else (section 2.5). {@link VpnOnlyDnsRule} checks the answers are consistent
 * with the tailnet; this one that they are the architecture's, so a VPN name pointed at the wrong
 * host — still inside the tailnet — is caught, and so is a record the document does not have.
 */
public final class DnsBaselineRule implements GateRule {
    public static final String ID = "dns.matches-baseline";
    private static final String TABLE = ArchitectureBaseline.says("section 0 DNS table");
    private static final String PUBLIC = ArchitectureBaseline.says("section 2.5, public DNS");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "tailnet and public DNS records are exactly the architecture's (section 0 table, section 2.5)";
    }

    @Override
    public List<Finding> evaluate(Stack stack) {
        List<Finding> findings = new ArrayList<>();
        compare(findings, "tailnet", stack.dns().tailnetRecords(), ArchitectureBaseline.TAILNET_RECORDS, TABLE, true);
        compare(findings, "public", stack.dns().publicRecords(), ArchitectureBaseline.PUBLIC_RECORDS, PUBLIC, false);
        return findings;
    }

    private static void compare(List<Finding> findings, String zone, List<DnsRecord> model,
                                List<BaselineRecord> baseline, String oracle, boolean checkAccess) {
        for (BaselineRecord expected : baseline) {
            String subject = zone + ":" + expected.name();
            Optional<DnsRecord> record = model.stream().filter(r -> r.name().equals(expected.name())).findFirst();
            if (record.isEmpty()) {
                findings.add(Finding.fail(ID, subject, expected.name() + " has no " + zone + " record in the model; "
                        + oracle + " answers " + expected.address()));
                continue;
            }
            DnsRecord actual = record.get();
            if (!actual.address().equals(expected.address())) {
                findings.add(Finding.fail(ID, subject, expected.name() + " answers " + actual.address() + " on the "
                        + zone + " resolver in the model; " + oracle + " answers " + expected.address()));
            } else if (checkAccess && (actual.access() == Access.VPN_ONLY) != expected.vpnOnly()) {
                findings.add(Finding.fail(ID, subject, expected.name() + " is " + describe(actual.access())
                        + " in the model; " + oracle + " has it '" + expected.access() + "'"));
            } else {
                findings.add(Finding.pass(ID, subject, expected.name() + " answers " + expected.address() + " on the "
                        + zone + " resolver, as in " + oracle));
            }
        }
        for (DnsRecord actual : model) {
            if (baseline.stream().noneMatch(b -> b.name().equals(actual.name()))) {
                findings.add(Finding.fail(ID, zone + ":" + actual.name(), actual.name() + " answers " + actual.address()
                        + " on the " + zone + " resolver in the model; " + oracle + " has no such record"));
            }
        }
    }

    private static String describe(Access access) {
        return access == Access.VPN_ONLY ? "VPN-only" : "public";
    }
}
