package io.vpai.harness.isolation;

import io.vpai.harness.isolation.Expectation.Kind;
import io.vpai.harness.model.Attachment;
import io.vpai.harness.model.Network;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the model says about every path, by Docker's rule: a container reaches another's address on
 * network N only if it is attached to N itself. Probing by address on each network (not by name, which
 * simply does not resolve across networks) is what makes the negatives mean something.
 */
public final class ReachabilityExpectation {
    /** DIUN and any other service without stack networks runs with {@code network_mode: bridge}. */
    public static final String DEFAULT_BRIDGE = "bridge";

    private ReachabilityExpectation() {
    }

    /**
     * Service to service: from every service with a stack network, every declared port of every other
     * service at its address on each of that service's networks; positives and negatives.
     */
    public static List<Expectation> derive(Stack stack) {
        List<Expectation> out = new ArrayList<>();
        for (Service source : stack.services()) {
            if (source.networks().isEmpty()) {
                continue; // on Docker's default bridge: an egress source only
            }
            for (Service destination : stack.services()) {
                if (destination == source) {
                    continue;
                }
                for (Attachment at : destination.networks()) {
                    boolean shared = source.isOn(at.network());
                    String reason = shared ? "shared " + at.network()
                            : stack.shareNetwork(source, destination) ? "not on " + at.network() : "no shared network";
                    for (int port : destination.ports()) {
                        out.add(new Expectation(Kind.SERVICE, source.name(), destination.name(), at.network(),
                                at.address(), port, shared, reason));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Every service to the internet sentinel (a host-owned address on the internet fixture, standing for
     * the outside world): reachable exactly from services with a network that is not internal. Each
     * source aims at a listener port of its own, so the sentinel can tell whose connection came through
     * which bridge ({@link Arrivals}).
     *
     * @param portBySource service name to its sentinel listener port
     */
    public static List<Expectation> egress(Stack stack, String sentinel, Map<String, Integer> portBySource) {
        List<Expectation> out = new ArrayList<>();
        for (Service source : stack.services()) {
            Integer port = portBySource.get(source.name());
            if (port == null) {
                throw new IllegalArgumentException("no sentinel listener port for " + source.name());
            }
            String reason;
            boolean reachable;
            if (source.networks().isEmpty()) {
                reachable = true;
                reason = "default bridge";
            } else {
                List<Network> open = source.networkNames().stream().map(stack::requireNetwork)
                        .filter(n -> !n.internal()).toList();
                reachable = !open.isEmpty();
                reason = open.stream().anyMatch(Network::egress) ? "egress"
                        : reachable ? "via " + open.get(0).name() : "internal only";
            }
            out.add(new Expectation(Kind.EGRESS, source.name(), Expectation.SENTINEL, "internet", sentinel, port,
                    reachable, reason));
        }
        return out;
    }

    /**
     * Every service to the host's own address on each of its networks (the bridge gateway). On a bridge
     * that is not internal that is Docker's ordinary gateway; on an internal one the model's intent is
     * that the host is out of reach, which Docker does not enforce: see {@link Kind#HOST_FROM_INTERNAL}.
     *
     * @param listenerPorts gateway address to the port a host listener waits on there
     */
    public static List<Expectation> host(Stack stack, Map<String, Integer> listenerPorts) {
        List<Expectation> out = new ArrayList<>();
        for (Service source : stack.services()) {
            for (String name : source.networkNames()) {
                Network network = stack.requireNetwork(name);
                Integer port = listenerPorts.get(network.gateway());
                if (port == null) {
                    throw new IllegalArgumentException("no host listener port for " + network.gateway()
                            + " (gateway of network '" + name + "')");
                }
                out.add(network.internal()
                        ? new Expectation(Kind.HOST_FROM_INTERNAL, source.name(), Expectation.HOST, name,
                        network.gateway(), port, false, "internal " + name)
                        : new Expectation(Kind.HOST_BRIDGE, source.name(), Expectation.HOST, name,
                        network.gateway(), port, true, name + " gateway"));
            }
        }
        return out;
    }

    /** The whole matrix: service pairs, then egress, then the host's bridge addresses. */
    public static List<Expectation> all(Stack stack, String sentinel, Map<String, Integer> sentinelPortBySource,
                                        Map<String, Integer> hostPortByGateway) {
        List<Expectation> out = new ArrayList<>(derive(stack));
        out.addAll(egress(stack, sentinel, sentinelPortBySource));
        out.addAll(host(stack, hostPortByGateway));
        return List.copyOf(out);
    }

    /** Every service is an egress source, DIUN included. */
    public static List<String> egressSources(Stack stack) {
        return stack.services().stream().map(Service::name).toList();
    }

    /** The host-owned addresses the host expectations aim at: each stack network's bridge gateway. */
    public static List<String> hostAddresses(Stack stack) {
        return stack.networks().stream().map(Network::gateway).toList();
    }
}
