package io.vpai.harness.dns;

import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.Ipv4;

import java.util.Objects;

/**
 * A resolver the split-DNS spec asks: the real MagicDNS inside the VPN client node, or the public
 * authoritative server on the internet fixture.
 *
 * @param role    {@code tailnet} or {@code public}, for messages and test names
 * @param address where the test JVM sends its queries: for MagicDNS, the VPN client node's own address on the
 *                internet fixture, where a relay in the node's namespace passes them to 100.100.100.100
 * @param answeredBy who answers, for messages
 */
public record FixtureResolver(String role, Ipv4 address, String answeredBy) {
    public static final String TAILNET = "tailnet";
    public static final String PUBLIC = "public";

    public FixtureResolver {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(answeredBy, "answeredBy");
    }

    public static FixtureResolver tailnet(Fixtures fixtures) {
        return new FixtureResolver(TAILNET, Ipv4.parse(fixtures.tailnet().underlay().vpnClient()),
                "MagicDNS " + fixtures.tailnet().resolver() + " in the VPN client node");
    }

    public static FixtureResolver publicZone(Fixtures fixtures) {
        Ipv4 address = Ipv4.parse(fixtures.internet().resolver());
        return new FixtureResolver(PUBLIC, address, "the public resolver " + address);
    }

    public boolean isPublic() {
        return PUBLIC.equals(role);
    }

    /** {@code MagicDNS 100.100.100.100 in the VPN client node}, {@code the public resolver 198.51.100.53} */
    public String describe() {
        return answeredBy;
    }
}
