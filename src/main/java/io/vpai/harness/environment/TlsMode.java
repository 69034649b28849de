package io.vpai.harness.environment;

/**
 * How Caddy gets certificates in a container environment. Production's DNS-01 through OVH needs
 * real credentials and the internet, so tests never use it.
 */
public enum TlsMode {
    /** Caddy's own local CA ({@code tls internal}): HTTPS paths are exercised, nothing leaves the machine. */
    INTERNAL,
    /** Plain HTTP on the site addresses, for engines or probes that cannot trust the local CA. */
    NONE;

    /** As environment files spell it: {@code internal}, {@code none}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
