package io.vpai.harness.gate;

import io.vpai.harness.check.Finding;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.DnsRecord;
import io.vpai.harness.model.Host;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Tailnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Split DNS is what makes vpn_only work (seed 2.5): a VPN client must get the tailnet address from
 * MagicDNS, or it reaches the public IP and gets 403. So every VPN-only record answers inside the
 * tailnet prefix — at the tailnet address of the host it names — MagicDNS must override the local
 * resolver, and the public zone must never leak a tailnet address.
 */
public final class VpnOnlyDnsRule implements GateRule {
    public static final String ID = "dns.vpn-only-resolve-to-tailnet";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "VPN-only names answer a tailnet address on the tailnet resolver; the public zone never does";
    }

    @Override
    public List<Finding> evaluate(Stack stack) {
        Tailnet tailnet = stack.tailnet();
        List<Finding> findings = new ArrayList<>();
        findings.add(splitDns(tailnet));
        for (DnsRecord record : stack.dns().vpnOnly()) {
            findings.add(tailnetAnswer(stack, record));
        }
        for (DnsRecord record : stack.dns().publicRecords()) {
            findings.add(publicAnswer(tailnet.prefix(), record));
        }
        return findings;
    }

    private static Finding splitDns(Tailnet tailnet) {
        String resolver = "tailnet resolver " + tailnet.magicDnsResolver();
        if (!tailnet.magicDns()) {
            return Finding.fail(ID, resolver, "MagicDNS is off: VPN clients never ask " + tailnet.magicDnsResolver()
                    + ", so VPN-only names resolve publicly and get 403");
        }
        if (!tailnet.overrideLocalDns()) {
            return Finding.fail(ID, resolver, "override_local_dns is false: VPN clients may ask their local resolver,"
                    + " get the public address and be denied (seed 2.5)");
        }
        return Finding.pass(ID, resolver, "MagicDNS at " + tailnet.magicDnsResolver() + " overrides the local resolver");
    }

    private static Finding tailnetAnswer(Stack stack, DnsRecord record) {
        Tailnet tailnet = stack.tailnet();
        String answer = "record " + record.name() + " (VPN-only) answers " + record.address() + " on the tailnet resolver "
                + tailnet.magicDnsResolver();
        if (!tailnet.prefix().contains(record.address())) {
            return Finding.fail(ID, record.name(), answer + ", outside the tailnet " + tailnet.prefix());
        }
        Optional<String> hostAddress = stack.host(record.host()).flatMap(Host::tailnetAddress);
        if (hostAddress.isPresent() && !hostAddress.get().equals(record.address())) {
            return Finding.fail(ID, record.name(), answer + ", but its host '" + record.host() + "' is at "
                    + hostAddress.get() + " on the tailnet");
        }
        return Finding.pass(ID, record.name(), answer + ", inside " + tailnet.prefix());
    }

    private static Finding publicAnswer(Cidr tailnet, DnsRecord record) {
        String answer = "public record " + record.name() + " answers " + record.address();
        if (tailnet.contains(record.address())) {
            return Finding.fail(ID, record.name(), answer + ", a tailnet address (" + tailnet
                    + "): the public zone must not reveal the mesh");
        }
        return Finding.pass(ID, record.name(), answer + ", outside the tailnet");
    }
}
