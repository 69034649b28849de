package io.vpai.harness.environment;

import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Ipv4;
import io.vpai.harness.model.ModelException;

import java.util.List;
import java.util.Objects;

/**
 * A Docker network the harness adds to stand for something production gets from the outside world.
 * {@code gateway} is set explicitly (Docker otherwise gives the bridge the first address); {@code proxy}
 * is Caddy's address here, {@code client} a test client, {@code resolver} the DNS server clients ask.
 */
public record FixtureNetwork(Cidr subnet, String gateway, String proxy, String client, String resolver) {

    public FixtureNetwork {
        Objects.requireNonNull(subnet, "subnet");
        check("gateway", gateway, subnet);
        check("proxy", proxy, subnet);
        check("client", client, subnet);
        check("resolver", resolver, subnet);
    }

    /** True when {@code address} is inside this network: the test before any probe is aimed at it. */
    public boolean contains(String address) {
        try {
            return address != null && subnet.contains(Ipv4.parse(address));
        } catch (ModelException e) {
            return false;
        }
    }

    /** The container addresses the harness places on this network (not the host-owned gateway). */
    public List<String> members() {
        return List.of(proxy, client, resolver);
    }

    private static void check(String role, String address, Cidr subnet) {
        if (address == null || !Ipv4.isValid(address)) {
            throw EnvironmentException.of(role, "'" + address + "' is not an IPv4 address");
        }
        if (!subnet.contains(address)) {
            throw EnvironmentException.of(role, address + " is outside " + subnet);
        }
    }
}
