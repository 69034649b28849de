package io.vpai.harness.dns;

/** Asks one resolver for one name's A records. Implementations refuse resolvers outside the harness's networks. */
public interface DnsLookup {
    DnsAnswer query(FixtureResolver resolver, String name);
}
