package io.vpai.harness.dns;

import io.vpai.harness.environment.Fixtures;

import java.util.Objects;

/**
 * A resolver the split-DNS spec asks: the MagicDNS stand-in on the tailnet fixture, or the public
 * authoritative server on the internet fixture.
 *
 * @param role {@code tailnet} or {@code public}, for messages and test names
 */
public record FixtureResolver(String role, String address) {
    public static final String TAILNET = "tailnet";
    public static final String PUBLIC = "public";

    public FixtureResolver {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(address, "address");
    }

    public static FixtureResolver tailnet(Fixtures fixtures) {
        return new FixtureResolver(TAILNET, fixtures.tailnet().resolver());
    }

    public static FixtureResolver publicZone(Fixtures fixtures) {
        return new FixtureResolver(PUBLIC, fixtures.internet().resolver());
    }

    public boolean isPublic() {
        return PUBLIC.equals(role);
    }

    /** {@code the tailnet resolver 100.64.0.53} */
    public String describe() {
        return "the " + role + " resolver " + address;
    }
}
