package io.vpai.harness.ship;

/**
 * The capability to write production — install a render there, roll it back, start it — and only for one render:
 * the one preprod smoked green. Distinct from {@link io.vpai.harness.target.DestructiveAccess} (faults, which
 * production never gets): the only way to obtain one is {@link #grant}, which reads preprod's smoke record from
 * preprod itself at that moment, so a render whose bytes preprod did not smoke green has no object to write with.
 */
public final class DeployAccess {
    private final ShipHost production;
    private final RenderHash hash;
    private final Ledger.SmokeRun evidence;

    private DeployAccess(ShipHost production, RenderHash hash, Ledger.SmokeRun evidence) {
        this.production = production;
        this.hash = hash;
        this.evidence = evidence;
    }

    /**
     * Production writes for {@code hash}, if the latest smoke of exactly that render on {@code preprod} was green.
     *
     * @param stage the stage asking, for the refusal's line
     * @throws ShipRefused naming the render and what preprod recorded instead: no smoke of it (a hash mismatch:
     *                     preprod smoked other bytes), or a red one
     */
    public static DeployAccess grant(ShipHost preprod, RenderHash hash, ShipHost production, ShipStage stage) {
        if (!production.spec().production()) {
            throw new IllegalArgumentException(production.describe() + " is not production: it needs no deploy access");
        }
        if (preprod.spec().production()) {
            throw new IllegalArgumentException("production cannot vouch for itself: " + preprod.describe());
        }
        Ledger ledger = Ledger.read(preprod);
        Ledger.SmokeRun smoke = ledger.lastSmokeOf(hash).orElseThrow(() -> new ShipRefused(stage,
                "hash mismatch: preprod (" + preprod.describe() + ") has no smoke recorded for render " + hash
                        + ledger.lastSmoke().map(s -> "; its last smoke was of render " + s.hash() + ", " + s.describe())
                        .orElse("; it has no smoke recorded at all")
                        + ": production is written only with bytes preprod smoked green"));
        if (!smoke.green()) {
            throw new ShipRefused(stage, "preprod's last smoke of render " + hash + " was " + smoke.describe()
                    + ": production is written only with bytes preprod smoked green");
        }
        return new DeployAccess(production, hash, smoke);
    }

    public ShipHost production() {
        return production;
    }

    /** The one render this access may put on production. */
    public RenderHash hash() {
        return hash;
    }

    /** The green smoke that granted it. */
    public Ledger.SmokeRun evidence() {
        return evidence;
    }
}
