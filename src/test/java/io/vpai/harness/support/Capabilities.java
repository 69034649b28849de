package io.vpai.harness.support;

import io.vpai.harness.target.DestructiveAccess;
import io.vpai.harness.target.Target;
import org.opentest4j.TestAbortedException;

/**
 * How a spec asks its target for what not every target offers. Absent, the spec aborts naming the target and the
 * reason: it never passes, and never skips without saying why.
 */
public final class Capabilities {
    private Capabilities() {
    }

    /** The capability to change the target, or an abort: a read-only environment (production) refuses. */
    public static DestructiveAccess destructive(Target target, String what) {
        return target.destructive().orElseThrow(() -> new TestAbortedException("environment '" + target.name()
                + "' is read-only: refusing to " + what));
    }

    /** {@code type} from the target, or an abort saying what the spec needed it for. */
    public static <C> C require(Target target, Class<C> type, String why) {
        return target.capability(type).orElseThrow(() -> new TestAbortedException("target '" + target.name()
                + "' offers no " + type.getSimpleName() + ": " + why));
    }
}
