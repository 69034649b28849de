package io.vpai.harness.dns;

import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.Ipv4;

import java.util.Objects;

/**
 * A resolver the split-DNS spec asks: the MagicDNS stand-in on the tailnet fixture, or the public
 * authoritative server on the internet fixture.
 *
 * @param role {@code tailnet} or {@code public}, for messages and test names
 */
public record FixtureResolver(String role, Ipv4 address) {
    public static final String TAILNET = "tailnet";
    public static final String PUBLIC = "public";

    public FixtureResolver {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(address, "address");
    }

    public static FixtureResolver tailnet(Fixtures fixtures) {
        return new FixtureResolver(TAILNET, Ipv4.parse(fixtures.tailnet().resolver()));
    }

    public static FixtureResolver publicZone(Fixtures fixtures) {
        return new FixtureResolver(PUBLIC, Ipv4.parse(fixtures.internet().resolver()));
    }

    public boolean isPublic() {
        return PUBLIC.equals(role);
    }

    /** {@code the tailnet resolver 100.64.0.53} */
    public String describe() {
        return "the " + role + " resolver " + address;
    }
}
