/**
 * One Docker-engine client, whatever reaches the engine: a {@link io.vpai.harness.engine.Shell} runs commands
 * (this machine's bash, or an SSH session), {@link io.vpai.harness.engine.DockerEngine} reads and acts through the
 * docker CLI over it, {@link io.vpai.harness.engine.Compose} drives Compose v1 or v2,
 * {@link io.vpai.harness.engine.Sidecars} adds the probe containers, {@link io.vpai.harness.engine.EventFeed}
 * follows the project's events. Nothing here decides who may act: targets do.
 */
package io.vpai.harness.engine;
