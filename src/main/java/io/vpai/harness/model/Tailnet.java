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
        ControlServer server,
        List<Node> nodes) {

    /**
     * How Headscale serves the mesh on Seko-VPN: its plain-HTTP listener behind the TLS front of
     * {@code controlUrl}, the embedded DERP relay's STUN port, and the resolvers MagicDNS forwards
     * every name it does not own to.
     */
    public record ControlServer(int listenPort, int stunPort, int derpRegionId, String derpRegionCode,
                                List<String> upstreamNameservers) {
        public ControlServer {
            Ports.check(listenPort);
            Ports.check(stunPort);
            upstreamNameservers = List.copyOf(upstreamNameservers);
            for (String nameserver : upstreamNameservers) {
                if (!Ipv4.isValid(nameserver)) {
                    throw new ModelException("tailnet upstream nameserver '" + nameserver + "' is not an IPv4 address");
                }
            }
        }
    }

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

    public Node requireNode(String hostname) {
        return nodes.stream().filter(n -> n.hostname().equals(hostname)).findFirst()
                .orElseThrow(() -> new ModelException("no tailnet node named '" + hostname + "'"));
    }

    public Tailnet withOverrideLocalDns(boolean value) {
        return new Tailnet(controlUrl, headscaleImage, prefix, magicDnsResolver, baseDomain, magicDns, value,
                configPath, server, nodes);
    }
}
