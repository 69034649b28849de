package io.vpai.harness.model;

/** A service's membership of one network, at a fixed address so probes can aim at it. */
public record Attachment(String network, String address) {
    public Attachment {
        Names.require("network", network);
        if (!Ipv4.isValid(address)) {
            throw new ModelException("network '" + network + "': address '" + address + "' is not an IPv4 address");
        }
    }
}
