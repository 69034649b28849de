package io.vpai.harness.gate;

import io.vpai.harness.check.Finding;
import io.vpai.harness.model.Stack;

import java.util.List;

/**
 * One named pre-deploy rule evaluated on the model alone. A rule reports what it checked, passing
 * elements included, so the gate's report shows coverage and not just failures. Findings carry
 * {@link #id()} as their check id; that is what waivers are written against.
 */
public interface GateRule {
    /** Dotted lowercase id, e.g. {@code ports.published-only-by-proxy}. */
    String id();

    /** One sentence: the property the rule guarantees when it passes. */
    String description();

    List<Finding> evaluate(Stack stack);
}
