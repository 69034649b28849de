package io.vpai.harness.environment;

/**
 * How Caddy gets certificates in a container environment: what the environment's own {@code environment.caddy}
 * says, imported by the shipped Caddyfile. Production's DNS-01 through OVH needs real credentials and the internet,
 * so tests never use it. (Plain HTTP is no mode: the site addresses are the shipped Caddyfile's, the same everywhere.)
 */
public enum TlsMode {
    /** Caddy's own local CA ({@code local_certs}): HTTPS paths are exercised, nothing leaves the machine. */
    INTERNAL;

    /** As environment files spell it: {@code internal}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
