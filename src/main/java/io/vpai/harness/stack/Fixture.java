package io.vpai.harness.stack;

/**
 * The containers the harness adds around the production stack, standing for what production gets from
 * outside: a VPN client and the MagicDNS resolver on the tailnet, a public client and the public
 * authoritative DNS on the internet. They are compose services of the override file.
 */
public enum Fixture {
    TAILNET_RESOLVER("fixture-dns-tailnet"),
    PUBLIC_RESOLVER("fixture-dns-public"),
    VPN_CLIENT("fixture-vpn-client"),
    INTERNET_CLIENT("fixture-internet-client");

    /** The fixture networks' names in the override file. */
    public static final String TAILNET = "tailnet";
    public static final String INTERNET = "internet";

    private final String service;

    Fixture(String service) {
        this.service = service;
    }

    public String service() {
        return service;
    }
}
