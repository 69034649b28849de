package io.vpai.harness.model;

import java.util.List;

/**
 * The Headscale mesh: control plane, nodes, and the MagicDNS settings that make split DNS work
 * (VPN-only names are answered from {@code extra_records} by the resolver at {@code magicDnsResolver}).
 */
public record Tailnet(
        String controlUrl,
        Image headscaleImage,
        Cidr prefix,
        String magicDnsResolver,
        String baseDomain,
        boolean magicDns,
        boolean overrideLocalDns,
        String configPath,
        List<Node> nodes) {

    public record Node(String hostname, String address, String host) {
        public Node {
            Names.require("tailnet node", hostname);
            if (!Ipv4.isValid(address)) {
                throw new ModelException("tailnet node '" + hostname + "': '" + address + "' is not an IPv4 address");
            }
        }
    }

    public Tailnet {
        nodes = List.copyOf(nodes);
    }

    public Tailnet withOverrideLocalDns(boolean value) {
        return new Tailnet(controlUrl, headscaleImage, prefix, magicDnsResolver, baseDomain, magicDns, value,
                configPath, nodes);
    }
}
