package io.vpai.harness.environment;

import io.vpai.harness.model.Cidr;

import java.util.List;

/**
 * Which address ranges a fixture network may use. The CI machine forwards unknown destinations
 * through its uplink, so a fixture in a public range would let a typo aim probes at the real internet.
 */
public final class FixtureSafety {
    /** The CI machine's uplink: never inside a fixture. */
    public static final Cidr UPLINK = Cidr.parse("192.0.2.0/24");

    /**
     * Private (RFC 1918) and the one documentation range nothing here uses. Not the CGNAT range: the real mesh
     * holds 100.64.0.0/10. Not 203.0.113.0/24: on these machines the package registries' proxy answers there
     * (a fixture bridge on it was seen to cut the Go module downloads), and not 192.0.2.0/24, the uplink.
     */
    public static final List<Cidr> ALLOWED = List.of(
            Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"), Cidr.parse("192.168.0.0/16"),
            Cidr.parse("198.51.100.0/24"));

    private FixtureSafety() {
    }

    /** Null when {@code subnet} may be a fixture, else why not. */
    public static String problem(Cidr subnet) {
        if (subnet.overlaps(UPLINK)) {
            return subnet + " contains or overlaps the CI machine's uplink " + UPLINK + "; probes there leave the machine";
        }
        if (ALLOWED.stream().noneMatch(range -> range.prefixLength() <= subnet.prefixLength() && range.overlaps(subnet))) {
            return subnet + " is not inside a private or the free documentation range (allowed: "
                    + String.join(", ", ALLOWED.stream().map(Cidr::toString).toList())
                    + "), so a probe could reach the real internet";
        }
        return null;
    }
}
