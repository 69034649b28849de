/**
 * Where the specs run, as declared in {@code environments/*.yaml}: {@link io.vpai.harness.environment.Environments}
 * finds a file by name, {@link io.vpai.harness.environment.EnvironmentLoader} turns it into a typed, validated
 * {@link io.vpai.harness.environment.Environment} or fails with one line ({@code file:line: key.path: problem}).
 *
 * <p>Two decisions shape the types. A container environment's fixture networks are checked for safety at
 * load (never the CI uplink 192.0.2.0/24, never a public range), so nothing downstream can aim a probe
 * outside the machine by a typo. An SSH environment keeps {@code ${VAR}} references as written and reads
 * them only in {@link io.vpai.harness.environment.SshEnvironment#resolve}: the gate validates
 * {@code production.yaml} on machines that must not hold production's coordinates, and a real run fails
 * naming the missing variable.
 */
package io.vpai.harness.environment;
