package io.vpai.harness.ship;

import io.vpai.harness.stack.TestSecrets;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The stage before any write: each host's records are read and judged, so a bad state is refused while nothing has
 * changed anywhere.
 * <ul>
 *   <li>a host's {@code compose/} must be the render its history says it runs (otherwise it was edited by hand);</li>
 *   <li>no host may be <b>ahead</b> of the local render: a host is ahead when it ran this render before and has moved
 *       on since to a render preprod smoked green — shipping would take it back. A render a host never ran is new to
 *       it; a host whose current render failed its smoke is not ahead of anything;</li>
 *   <li>a host's {@code .env} must define every variable the compose files reference; production must have one
 *       (ship never writes production's secrets), preprod gets a fresh one when it has none.</li>
 * </ul>
 */
final class Preflight {
    private Preflight() {
    }

    /** Before a ship of {@code hash}: both hosts; production's .env only when production will be written. */
    static void forShip(ShipHost preprod, ShipHost production, RenderHash hash, String shippedCompose,
                        boolean toProduction) {
        Ledger preprodLedger = read(preprod);
        Ledger productionLedger = read(production);
        intact(preprod, preprodLedger);
        intact(production, productionLedger);
        notAhead(preprod, preprodLedger, hash, preprodLedger);
        notAhead(production, productionLedger, hash, preprodLedger);
        env(preprod, shippedCompose, false);
        if (toProduction) {
            env(production, shippedCompose, true);
        }
    }

    /** Before a rollback: production runs what it records, and has a previous tree; returns that tree. */
    static TreeListing forRollback(ShipHost production) {
        Ledger ledger = read(production);
        RenderHash current = ledger.current().orElseThrow(() -> refuse(production.describe()
                + " has no ship history: ship never deployed there, so there is nothing it can roll back"));
        intact(production, ledger);
        TreeListing previous = production.listing(production.previousDirectory()).filter(t -> !t.isEmpty())
                .orElseThrow(() -> refuse(production.describe() + " has no render in " + production.previousDirectory()
                        + " to roll back to"));
        if (previous.hash().equals(current)) {
            throw refuse(production.previousDirectory() + " on " + production.describe() + " holds render " + current
                    + ", the one production runs: nothing to roll back");
        }
        if (production.envVariables().isEmpty()) {
            throw refuse(production.describe() + " has no " + production.envFile() + "; ship never writes production's");
        }
        return previous;
    }

    private static Ledger read(ShipHost host) {
        try {
            return Ledger.read(host);
        } catch (IllegalArgumentException e) {
            throw refuse(e.getMessage());
        }
    }

    private static void intact(ShipHost host, Ledger ledger) {
        Optional<RenderHash> recorded = ledger.current();
        if (recorded.isEmpty()) {
            return;
        }
        RenderHash actual = host.listing(host.composeDirectory()).map(TreeListing::hash).orElse(null);
        if (!recorded.get().equals(actual)) {
            throw refuse(host.composeDirectory() + " on " + host.describe() + " is not render " + recorded.get()
                    + ", which " + host.historyFile() + " says it runs, but " + (actual == null ? "missing"
                    : "render " + actual) + ": changed by hand since? Look at it first; nothing was changed");
        }
    }

    private static void notAhead(ShipHost host, Ledger ledger, RenderHash hash, Ledger preprod) {
        Optional<Ledger.Change> now = ledger.lastChange();
        Optional<Ledger.Change> before = ledger.lastTimeItRan(hash);
        if (now.isEmpty() || before.isEmpty() || now.get().hash().equals(hash) || !preprod.smokedGreen(now.get().hash())) {
            return;
        }
        throw refuse(host.describe() + " is ahead of this render: it ran render " + hash + " (" + before.get().action()
                + " at " + before.get().at() + ") and has moved on to render " + now.get().hash() + " (" + now.get().action()
                + " at " + now.get().at() + "), which preprod smoked green; shipping would take it back"
                + (host.spec().production() ? " (ship --rollback steps production back one render)" : ""));
    }

    private static void env(ShipHost host, String shippedCompose, boolean required) {
        Optional<Set<String>> defined = host.envVariables();
        if (defined.isEmpty()) {
            if (required) {
                throw refuse(host.describe() + " has no " + host.envFile() + ": ship never writes production's secrets; "
                        + "put the .env there first (mode 600)");
            }
            return;
        }
        Set<String> missing = new TreeSet<>();
        host.composeTexts(shippedCompose).forEach(text -> missing.addAll(TestSecrets.referencedIn(text)));
        missing.removeAll(defined.get());
        if (!missing.isEmpty()) {
            throw refuse(host.envFile() + " on " + host.describe() + " does not define " + String.join(", ", missing)
                    + ", which the compose files reference" + (required ? "" : " (remove it to have ship write a fresh one)"));
        }
    }

    private static ShipRefused refuse(String reason) {
        return new ShipRefused(ShipStage.CHECK_HOSTS, reason);
    }
}
