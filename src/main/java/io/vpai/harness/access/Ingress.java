package io.vpai.harness.access;

import io.vpai.harness.model.Ipv4;

import java.util.Objects;

/**
 * One way a request reaches the proxy: who sends it, where it connects, and the source address the
 * proxy sees it arrive from — which is what {@code vpn_only} decides on, and not always the client's.
 *
 * @param name          short name used in test names: {@code tailnet}, {@code internet}
 * @param from          the fixture service the request is sent from, or {@link #TEST_JVM}
 * @param clientAddress the sender's own address
 * @param connectAddress the address the request is sent to
 * @param sourceAtProxy the address the proxy sees as the request's source
 * @param fromTailnet   whether the sender is a VPN client: the only senders VPN-only routes are meant for
 */
public record Ingress(String name, String from, Ipv4 clientAddress, Ipv4 connectAddress, Ipv4 sourceAtProxy,
                      boolean fromTailnet) {
    /** {@link #from} of requests the test JVM itself sends (to loopback only). */
    public static final String TEST_JVM = "test JVM";

    public Ingress {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(connectAddress, "connectAddress");
        Objects.requireNonNull(sourceAtProxy, "sourceAtProxy");
    }

    public boolean fromTestJvm() {
        return TEST_JVM.equals(from);
    }

    /** Whether the proxy sees another source than the sender: a userland proxy or NAT sits in between. */
    public boolean translated() {
        return !sourceAtProxy.equals(clientAddress);
    }

    /** For messages: {@code the internet client 198.51.100.20 (fixture-internet-client) → 198.51.100.10:443}. */
    public String describe(int port) {
        String who = fromTestJvm() ? "the test JVM at " + clientAddress
                : "the " + (fromTailnet ? "VPN" : "internet") + " client " + clientAddress + " (" + from + ")";
        return who + " → " + connectAddress + ":" + port + (translated() ? ", seen by the proxy as " + sourceAtProxy : "");
    }
}
