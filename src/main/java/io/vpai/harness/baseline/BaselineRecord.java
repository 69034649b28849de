package io.vpai.harness.baseline;

/**
 * One DNS answer the architecture states: name, address, and the document's own words for the
 * target and the access ("VPS Sese-AI (Tailscale)", "VPN uniquement"), kept verbatim.
 */
public record BaselineRecord(String name, String address, String target, String access) {
    public BaselineRecord {
        if (name == null || name.isBlank() || address == null || target == null || access == null) {
            throw new IllegalArgumentException("baseline record needs a name, an address, a target and an access");
        }
    }

    /** The section 0 table marks VPN-only names "VPN uniquement"; the others are public. */
    public boolean vpnOnly() {
        return access.startsWith("VPN");
    }
}
