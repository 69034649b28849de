/**
 * The live inventory: what a Docker engine runs (containers as {@code docker inspect} shows them) against
 * what the compose files say it must run, reduced to one normal form ({@link io.vpai.harness.inventory.ServiceShape})
 * and compared aspect by aspect. Both targets — the local container stack and a host over SSH — feed it.
 */
package io.vpai.harness.inventory;
