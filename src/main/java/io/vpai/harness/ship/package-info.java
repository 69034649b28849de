/**
 * Shipping: the rendered {@code compose/} tree from the gate through preprod (deploy, smoke) to production (deploy,
 * read-only check), and back ({@code ship --rollback}). A render is known by its {@link io.vpai.harness.ship.RenderHash}
 * wherever it lies; each host keeps its history and, on preprod, the smoke results ({@link io.vpai.harness.ship.Ledger}).
 * Production is written only through a {@link io.vpai.harness.ship.DeployAccess}, which exists only for a render
 * preprod smoked green.
 */
package io.vpai.harness.ship;
