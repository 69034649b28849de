package io.vpai.harness.render;

/**
 * How the rendered Caddyfile gets certificates. Only {@link #DNS01_OVH} ships; the other two exist
 * for test environments, and their constant names match {@code io.vpai.harness.environment.TlsMode}
 * so {@code TlsMode.valueOf(environmentMode.name())} maps one onto the other.
 */
public enum TlsMode {
    /** Production: ACME DNS-01 through OVH's API, credentials from the container environment. Needs a Caddy built with the ovh module. */
    DNS01_OVH,
    /** Caddy's local CA on every site ({@code tls internal}): HTTPS without the internet. */
    INTERNAL,
    /** Sites as {@code http://host}: Caddy serves port 80 only and never touches certificates. */
    NONE
}
