package io.vpai.harness.render;

/**
 * What the proxy reads: the Caddyfile, the same in every environment, and the {@value CaddyfileRenderer#ENVIRONMENT_FILE}
 * it imports, this environment's.
 */
public record CaddyFiles(String caddyfile, String environment) {
}
