/**
 * The real Headscale mesh of a container environment, after Compose has started its containers: the nodes
 * join with a pre-auth key, get the architecture's tailnet addresses, and the VPS node forwards to Caddy along
 * one of the two ingress paths. Works through a {@link io.vpai.harness.engine.DockerEngine}, so the local stack
 * and the SSH rehearsal host bring the mesh up with the same code.
 */
package io.vpai.harness.mesh;
