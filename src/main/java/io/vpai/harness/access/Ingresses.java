package io.vpai.harness.access;

import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.Ipv4;
import io.vpai.harness.model.ModelException;
import io.vpai.harness.model.Network;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.environment.Fixture;

/**
 * The ways into the proxy a container environment reproduces (DESIGN.md, "Ingress paths worth
 * reproducing"): a VPN client node over the real mesh to the VPS node, which hands the request on either to
 * Docker's published port (architecture section 2.5: Caddy sees the frontend gateway) or by kernel DNAT
 * (Caddy sees the client's tailnet address); a public client talking to the proxy's internet address
 * (kernel DNAT in production keeps its address); and the published port reached through Docker's userland
 * proxy — from a public client via the host's bridge address, or from the host itself — where the proxy
 * sees the gateway of the bridge the port is published from.
 */
public final class Ingresses {
    private Ingresses() {
    }

    /** The VPN client through the VPS node's kernel DNAT ({@code VpsForwarding.Path.DIRECT}): its own address arrives. */
    public static Ingress tailnet(Fixtures fixtures) {
        Ipv4 client = Ipv4.parse(fixtures.tailnet().client());
        return new Ingress("tailnet", Fixture.VPN_CLIENT.service(), client, Ipv4.parse(fixtures.tailnet().proxy()), client,
                true);
    }

    /**
     * The VPN client along architecture section 2.5 ({@code VpsForwarding.Path.PUBLISHED_PORT}, the mesh's
     * default): client → VPS tailnet address → Docker's published port → Caddy, which sees the frontend gateway.
     */
    public static Ingress tailnetViaPublishedPort(Stack model, Fixtures fixtures) {
        Ipv4 client = Ipv4.parse(fixtures.tailnet().client());
        return new Ingress("tailnet via the published port", Fixture.VPN_CLIENT.service(), client,
                Ipv4.parse(fixtures.tailnet().proxy()), userlandProxySource(model), true);
    }

    public static Ingress internet(Fixtures fixtures) {
        Ipv4 client = Ipv4.parse(fixtures.internet().client());
        return new Ingress("internet", Fixture.INTERNET_CLIENT.service(), client, Ipv4.parse(fixtures.internet().proxy()),
                client, false);
    }

    /** The public client aiming at the host's own address on the internet fixture, where the published ports listen. */
    public static Ingress internetViaPublishedPort(Stack model, Fixtures fixtures) {
        Ipv4 hostSide = Ipv4.parse(fixtures.internet().gateway());
        return new Ingress("internet via the published port at " + hostSide, Fixture.INTERNET_CLIENT.service(),
                Ipv4.parse(fixtures.internet().client()), hostSide, userlandProxySource(model), false);
    }

    /** The test JVM aiming at the published port on loopback: a host-local client. */
    public static Ingress hostLoopback(Stack model) {
        Ipv4 loopback = Ipv4.parse("127.0.0.1");
        return new Ingress("the host's loopback", Ingress.TEST_JVM, loopback, loopback, userlandProxySource(model), false);
    }

    /**
     * Where docker-proxy's connections come from: the gateway of the proxy service's first non-internal
     * network, the one Docker publishes its ports from (in the seed: frontend, 172.20.1.1).
     */
    public static Ipv4 userlandProxySource(Stack model) {
        Service proxy = model.requireService(model.proxy().service());
        return proxy.networkNames().stream()
                .map(model::requireNetwork)
                .filter(n -> !n.internal())
                .map(Network::gateway)
                .map(Ipv4::parse)
                .findFirst()
                .orElseThrow(() -> new ModelException("proxy '" + proxy.name() + "' is on no bridge network: nothing can publish its ports"));
    }
}
