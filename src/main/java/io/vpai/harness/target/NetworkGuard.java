package io.vpai.harness.target;

import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Ipv4;
import io.vpai.harness.model.ModelException;

import java.util.List;

/**
 * The network-safety rule, in one place: a probe may aim only at loopback (from the test JVM) or at an address
 * inside a network the harness created (or, on an SSH host, the host's own stack networks). Every prober asks
 * its target's guard before anything is sent; a refusal names the action, the address, the prober and the
 * environment, e.g. {@code refusing to probe 192.0.2.1 (n8n → 192.0.2.1:22): not inside a network of environment
 * 'offline' [172.20.1.0/24, …]}.
 */
public final class NetworkGuard {
    public static final Cidr LOOPBACK = Cidr.parse("127.0.0.0/8");
    private final String environment;
    private final List<Cidr> networks;

    public NetworkGuard(String environment, List<Cidr> networks) {
        this.environment = environment;
        this.networks = List.copyOf(networks);
    }

    /** A guard that admits loopback only: for code that runs before (or without) any harness network. */
    public static NetworkGuard loopbackOnly(String environment) {
        return new NetworkGuard(environment, List.of());
    }

    public String environment() {
        return environment;
    }

    /** The networks a probe from inside the stack may aim at. */
    public List<Cidr> networks() {
        return networks;
    }

    public boolean isInside(Ipv4 address) {
        return networks.stream().anyMatch(c -> c.contains(address));
    }

    public static boolean isLoopback(Ipv4 address) {
        return LOOPBACK.contains(address);
    }

    /**
     * A destination for a probe run inside the stack (a sidecar, a fixture client): inside one of the harness's
     * networks, else refused.
     *
     * @param action what would be done, read after "refusing to": {@code probe}, {@code send a request to}
     * @param prober who would do it, for the message: the probe's description, the client's name
     * @return the address, for chaining
     */
    public Ipv4 requireInside(Ipv4 address, String action, String prober) {
        if (!isInside(address)) {
            throw refusal(address.toString(), action, prober, "not inside a network of environment '" + environment
                    + "' " + networks);
        }
        return address;
    }

    /** {@link #requireInside(Ipv4, String, String)} for an address still in text (a configuration, a DNS answer). */
    public Ipv4 requireInside(String address, String action, String prober) {
        return requireInside(parsed(address, action, prober), action, prober);
    }

    /** A destination for a request from the test JVM itself (a published port): loopback only, else refused. */
    public Ipv4 requireLoopback(Ipv4 address, String action, String prober) {
        if (!isLoopback(address)) {
            throw refusal(address.toString(), action, prober, "the test JVM only talks to loopback (environment '"
                    + environment + "')");
        }
        return address;
    }

    /** {@link #requireLoopback(Ipv4, String, String)} for an address still in text. */
    public Ipv4 requireLoopback(String address, String action, String prober) {
        return requireLoopback(parsed(address, action, prober), action, prober);
    }

    /** Garbage is refused like an outside address: a name here could be resolved to anywhere. */
    private Ipv4 parsed(String address, String action, String prober) {
        try {
            return Ipv4.parse(address);
        } catch (ModelException e) {
            throw refusal("'" + address + "'", action, prober, "not an IPv4 address (environment '" + environment + "')");
        }
    }

    private static IllegalArgumentException refusal(String address, String action, String prober, String why) {
        return new IllegalArgumentException("refusing to " + action + " " + address + " (" + prober + "): " + why);
    }

    @Override
    public String toString() {
        return "network guard of environment '" + environment + "': loopback from the JVM, " + networks + " from inside";
    }
}
