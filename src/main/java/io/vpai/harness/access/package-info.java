/**
 * Who may use which route, derived from the model and compared with what Caddy really does.
 *
 * <p>{@link io.vpai.harness.access.AccessExpectations} turns the model's routes, its {@code vpn_only}
 * allow-list and the ways a request can reach Caddy ({@link io.vpai.harness.access.Ingress}) into
 * {@link io.vpai.harness.access.AccessCase}s: one request, one way in, the outcome the seed intends and
 * the outcome the rendered allow-list predicts. {@link io.vpai.harness.access.AccessProber} sends them
 * (curl in a fixture client, or REST-assured from the test JVM to loopback, checking the certificate against the
 * proxy CA root the target offers as {@link io.vpai.harness.access.ProxyCertificateAuthority}) and records
 * {@link io.vpai.harness.access.Observation}s; {@link io.vpai.harness.access.AccessComparison} turns each
 * pair into a {@link io.vpai.harness.check.Finding} whose message names the request, the client and its
 * address, where it was sent and the environment.
 *
 * <p>Intended and predicted differ on exactly one kind of path: traffic that reaches the published
 * port through Docker's userland proxy arrives from a bridge gateway that the seed's allow-list admits.
 * That is reported under {@code acl.vpn-only-allow-list} about the admitting entry, which the model waives.
 */
package io.vpai.harness.access;
