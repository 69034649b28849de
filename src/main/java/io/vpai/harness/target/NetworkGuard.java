package io.vpai.harness.target;

import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Ipv4;

import java.util.List;

/**
 * The network-safety rule, in one place: a probe may aim only at loopback (from the test JVM) or at an address
 * inside a network the harness created (or, on an SSH host, the host's own stack networks). Every prober asks
 * its target's guard before anything is sent; a refusal names the address, the prober and the environment.
 */
public final class NetworkGuard {
    private static final Cidr LOOPBACK = Cidr.parse("127.0.0.0/8");
    private final String environment;
    private final List<Cidr> networks;

    public NetworkGuard(String environment, List<Cidr> networks) {
        this.environment = environment;
        this.networks = List.copyOf(networks);
    }

    /** The networks a probe from inside the stack may aim at. */
    public List<Cidr> networks() {
        return networks;
    }

    /** A destination for a probe run inside the stack (a sidecar, a fixture): inside one of the harness's networks. */
    public void requireInside(String address, String what) {
        if (!Ipv4.isValid(address) || networks.stream().noneMatch(c -> c.contains(address))) {
            throw new IllegalArgumentException("refusing to " + what + " at " + address
                    + ": not inside a network of environment '" + environment + "' " + networks);
        }
    }

    /** A destination for a request from the test JVM itself: loopback only (published ports). */
    public void requireLoopback(String address, String what) {
        if (!Ipv4.isValid(address) || !LOOPBACK.contains(address)) {
            throw new IllegalArgumentException("refusing to " + what + " at " + address
                    + ": the test JVM only talks to loopback");
        }
    }
}
