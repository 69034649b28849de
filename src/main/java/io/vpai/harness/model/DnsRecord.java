package io.vpai.harness.model;

/**
 * One A record. VPN-only records live in Headscale's {@code extra_records} and are answered by
 * MagicDNS; public records are served by the public authoritative zone.
 */
public record DnsRecord(String name, String address, String host, Access access) {
    public DnsRecord {
        Names.nonBlank("record name", name);
        if (!Ipv4.isValid(address)) {
            throw new ModelException("record '" + name + "': '" + address + "' is not an IPv4 address");
        }
    }

    public String type() {
        return "A";
    }

    public DnsRecord withAddress(String value) {
        return new DnsRecord(name, value, host, access);
    }
}
