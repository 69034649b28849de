package io.vpai.harness.target;

import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Ipv4;
import io.vpai.harness.model.ModelException;

import java.util.List;
import java.util.Optional;
import java.util.Set;

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
    private final Optional<Mesh> mesh;

    /**
     * The harness's tailnet: its addresses are reachable only from inside its nodes. From anywhere else a
     * packet to 100.64.0.0/10 would follow the host's default route out of the machine.
     *
     * @param nodes the fixture services that are mesh nodes
     */
    public record Mesh(Cidr prefix, Set<String> nodes) {
        public Mesh {
            nodes = Set.copyOf(nodes);
        }
    }

    public NetworkGuard(String environment, List<Cidr> networks) {
        this(environment, networks, Optional.empty());
    }

    public NetworkGuard(String environment, List<Cidr> networks, Optional<Mesh> mesh) {
        this.environment = environment;
        this.networks = List.copyOf(networks);
        this.mesh = mesh;
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

    /**
     * A destination for a probe sent from inside {@code from} (a service or fixture): a tailnet address only from a
     * mesh node, anything else as {@link #requireInside(Ipv4, String, String)}.
     */
    public Ipv4 requireReachable(String from, Ipv4 address, String action, String prober) {
        if (mesh.isPresent() && mesh.get().prefix().contains(address)) {
            if (!mesh.get().nodes().contains(from)) {
                throw refusal(address.toString(), action, prober, "a tailnet address, reachable only from a node of the "
                        + "harness's mesh " + new java.util.TreeSet<>(mesh.get().nodes()) + ", not from " + from
                        + " (environment '" + environment + "')");
            }
            return address;
        }
        return requireInside(address, action, prober);
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
        return "network guard of environment '" + environment + "': loopback from the JVM, " + networks + " from inside"
                + mesh.map(m -> ", " + m.prefix() + " from the mesh's nodes").orElse("");
    }
}
