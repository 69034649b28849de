package io.vpai.harness.environment;

import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Tailnet;

import java.util.Objects;

/**
 * The real Headscale mesh a container environment runs, standing for the production tailnet: Headscale on a
 * fixture standing for Seko-VPN, and Tailscale nodes holding the architecture's addresses — the VPS (whose
 * address the split DNS answers, forwarding to Caddy), the Workstation Pi, and the VPN client. Nothing here comes
 * from the environment file: tailnet addresses are the model's, and the nodes' own addresses (where WireGuard,
 * DERP and the control plane travel) sit at fixed host numbers of the internet fixture, a network the harness made.
 *
 * @param subnet   the tailnet prefix (100.64.0.0/10)
 * @param proxy    the VPS node's tailnet address: where VPN clients reach Caddy
 * @param client   the VPN client's tailnet address
 * @param resolver MagicDNS (100.100.100.100), inside every node
 * @param underlay each mesh member's address on the internet fixture
 */
public record TailnetFixture(Cidr subnet, String proxy, String client, String workstation, String resolver,
                             Underlay underlay) {
    /** The model's node names for the three roles. */
    public static final String VPS_NODE = "sese";
    public static final String VPN_CLIENT_NODE = "ewutelo";
    public static final String WORKSTATION_NODE = "workstation-pi";

    public record Underlay(String controlServer, String vpsNode, String workstationNode, String vpnClient) {
        static final int CONTROL_SERVER_HOST = 40;
        static final int VPS_NODE_HOST = 41;
        static final int WORKSTATION_NODE_HOST = 42;
        static final int VPN_CLIENT_HOST = 43;
    }

    public TailnetFixture {
        Objects.requireNonNull(subnet, "subnet");
        Required.nonNull("proxy client workstation resolver underlay", proxy, client, workstation, resolver, underlay);
    }

    public static TailnetFixture of(Stack model, FixtureNetwork internet) {
        Tailnet tailnet = model.tailnet();
        Underlay underlay = new Underlay(
                Placement.place(internet, Fixtures.INTERNET, Underlay.CONTROL_SERVER_HOST, "Headscale"),
                Placement.place(internet, Fixtures.INTERNET, Underlay.VPS_NODE_HOST, "VPS node"),
                Placement.place(internet, Fixtures.INTERNET, Underlay.WORKSTATION_NODE_HOST, "Workstation Pi node"),
                Placement.place(internet, Fixtures.INTERNET, Underlay.VPN_CLIENT_HOST, "VPN client node"));
        return new TailnetFixture(tailnet.prefix(), tailnet.requireNode(VPS_NODE).address(),
                tailnet.requireNode(VPN_CLIENT_NODE).address(), tailnet.requireNode(WORKSTATION_NODE).address(),
                tailnet.magicDnsResolver(), underlay);
    }

    /** True when {@code address} is a tailnet address: reachable only from inside a node. */
    public boolean contains(String address) {
        return subnet.contains(address);
    }
}
