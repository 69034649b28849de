package io.vpai.harness.ship;

/**
 * A ship stopped in a bad state, with one line saying where and why: the gate or the smoke was red, a host was
 * unreachable or its key unknown, a host is ahead of the render, preprod smoked other bytes. Refusals before the
 * deploy stages change nothing anywhere; a red smoke leaves preprod as it deployed it, for inspection, and production
 * untouched.
 */
public final class ShipRefused extends RuntimeException {
    private final ShipStage stage;
    private final boolean afterChanges;

    public ShipRefused(ShipStage stage, String reason) {
        this(stage, reason, false, null);
    }

    private ShipRefused(ShipStage stage, String reason, boolean afterChanges, Throwable cause) {
        super(reason, cause);
        this.stage = stage;
        this.afterChanges = afterChanges;
    }

    /** A stage that had begun to change its host failed (a deploy, the check after it): the line says so. */
    public static ShipRefused afterChanges(ShipStage stage, String reason, Throwable cause) {
        return new ShipRefused(stage, reason, true, cause);
    }

    /** Whether the stage had changed its host before it stopped. */
    public boolean afterChanges() {
        return afterChanges;
    }

    public ShipStage stage() {
        return stage;
    }

    /** {@code ship refused at 'gate': …} (or {@code ship failed at …} after changes), one line whatever the reason held. */
    public String line() {
        return "ship " + (afterChanges ? "failed" : "refused") + " at '" + stage.title() + "': "
                + getMessage().replace('\n', ' ');
    }
}
