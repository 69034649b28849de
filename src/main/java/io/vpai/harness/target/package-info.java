/**
 * What specs observe and may change. {@link io.vpai.harness.target.Target} is all a spec sees;
 * {@link io.vpai.harness.target.EngineTarget} is what the container stack and an SSH host share;
 * {@link io.vpai.harness.target.DestructiveAccess} is the capability to inject faults, which a read-only
 * environment cannot produce; {@link io.vpai.harness.target.NetworkGuard} is the network-safety rule every prober
 * asks before it sends anything.
 */
package io.vpai.harness.target;
