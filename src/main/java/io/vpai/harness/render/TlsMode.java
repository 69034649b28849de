package io.vpai.harness.render;

/**
 * How the proxy's sites get certificates: the one thing the Caddyfile's imported
 * {@value CaddyfileRenderer#ENVIRONMENT_FILE} says per environment. Only {@link #DNS01_OVH} ships; the constant
 * names match {@code io.vpai.harness.environment.TlsMode}, so {@code TlsMode.valueOf(environmentMode.name())} maps a
 * test environment's mode onto this one.
 */
public enum TlsMode {
    /** Production: ACME DNS-01 through OVH's API, credentials from the container environment. Needs a Caddy built with the ovh module. */
    DNS01_OVH,
    /** Caddy's local CA for every site ({@code local_certs}): HTTPS without the internet. */
    INTERNAL
}
