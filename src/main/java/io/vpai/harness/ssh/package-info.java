/**
 * The SSH target: the preprod and production hosts observed (and, for preprod only, deployed) over SSH.
 *
 * <ul>
 *   <li>{@link io.vpai.harness.ssh.SshConnection} — one sshj session: pinned host key, key login, bounded connect and
 *       bounded commands, SFTP writes;</li>
 *   <li>{@link io.vpai.harness.ssh.SshTarget} — the {@link io.vpai.harness.target.Target} specs see: states, events and
 *       probes through the shared {@link io.vpai.harness.target.EngineTarget} over this connection;</li>
 *   <li>{@link io.vpai.harness.ssh.HostAccess} — what a deploy needs beyond the faults, built only from a target's
 *       {@link io.vpai.harness.target.DestructiveAccess}, which a
 *       read-only environment cannot produce;</li>
 *   <li>{@link io.vpai.harness.ssh.PreprodDeployment}, {@link io.vpai.harness.ssh.SeedCheck},
 *       {@link io.vpai.harness.ssh.LiveDrift} — deploy, seeded-data smoke and drift against a live host.</li>
 * </ul>
 */
package io.vpai.harness.ssh;
