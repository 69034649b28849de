package io.vpai.harness.isolation;

import io.vpai.harness.probe.Probes;
import io.vpai.harness.probe.TcpProbe;

/**
 * One path the model has an opinion about: from a service's network namespace to an address and port,
 * and whether a TCP connection there should get through. {@code network} is the network the
 * destination address belongs to (the default bridge for DIUN's egress path, the internet fixture
 * for the sentinel). {@code reason} is the model's why, in a few words, for names and reports.
 */
public record Expectation(Kind kind, String source, String destination, String network, String address, int port,
                          boolean reachable, String reason) {

    /** Service to service, source to the internet sentinel, source to the host's own bridge address. */
    public enum Kind {
        SERVICE("isolation.service-to-service"),
        EGRESS("isolation.egress"),
        /** The host's address on a bridge that is not internal: Docker's default, expected. */
        HOST_BRIDGE("isolation.host-bridge"),
        /** The host's address on an internal bridge: the model's intent says no, Docker says yes. */
        HOST_FROM_INTERNAL("isolation.host-reachable-from-internal");

        private final String checkId;

        Kind(String checkId) {
            this.checkId = checkId;
        }

        public String checkId() {
            return checkId;
        }
    }

    public static final String SENTINEL = "internet sentinel";
    public static final String HOST = "Docker host";

    public Expectation {
        if (kind == null || source == null || destination == null || network == null || address == null
                || reason == null) {
            throw new IllegalArgumentException("expectation has a missing field: " + kind + " " + source + " → "
                    + destination + " " + address + ":" + port);
        }
    }

    public String checkId() {
        return kind.checkId();
    }

    public TcpProbe probe() {
        return Probes.tcp(source, address, port);
    }

    /** {@code n8n → postgresql 172.20.2.20:5432}: the subject of a finding, with the exact port. */
    public String path() {
        return source + " → " + destination + " " + address + ":" + port;
    }

    /**
     * What a finding is about, and what a waiver names: the path for service and egress checks; for the
     * host checks the host's bridge address alone, since the accepted fact is "the host is reachable at
     * 172.20.2.1", whichever service tries and whatever ephemeral port its listener got.
     */
    public String subject() {
        return kind == Kind.HOST_BRIDGE || kind == Kind.HOST_FROM_INTERNAL ? address : path();
    }

    /**
     * The test name: {@code n8n → postgresql 172.20.2.20:5432 reachable (shared backend)}. Sentinel and
     * host listeners sit on ephemeral ports, left out so the name is the same from run to run (report history).
     */
    public String sentence() {
        String where = kind == Kind.SERVICE ? address + ":" + port : address;
        return source + " → " + destination + " " + where + " " + (reachable ? "reachable" : "unreachable")
                + " (" + reason + ")";
    }
}
