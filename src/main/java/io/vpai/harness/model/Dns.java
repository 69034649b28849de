package io.vpai.harness.model;

import java.util.List;
import java.util.Optional;

/**
 * Split DNS for the domain: {@code tailnetRecords} are what MagicDNS answers a VPN client (the
 * seed's DNS table); {@code publicRecords} are what everyone else gets from the public zone.
 */
public record Dns(String domain, List<DnsRecord> tailnetRecords, List<DnsRecord> publicRecords) {
    public Dns {
        Names.nonBlank("domain", domain);
        tailnetRecords = List.copyOf(tailnetRecords);
        publicRecords = List.copyOf(publicRecords);
    }

    public Optional<DnsRecord> tailnetRecord(String name) {
        return tailnetRecords.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public Optional<DnsRecord> publicRecord(String name) {
        return publicRecords.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public List<DnsRecord> vpnOnly() {
        return tailnetRecords.stream().filter(r -> r.access() == Access.VPN_ONLY).toList();
    }

    public Dns withTailnetRecords(List<DnsRecord> value) {
        return new Dns(domain, value, publicRecords);
    }

    public Dns withPublicRecords(List<DnsRecord> value) {
        return new Dns(domain, tailnetRecords, value);
    }
}
