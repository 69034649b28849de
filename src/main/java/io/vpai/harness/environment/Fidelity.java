package io.vpai.harness.environment;

/**
 * Whether the container behind a service is the real component or a stand-in that only listens on
 * the declared ports and answers the health check. Every report row a stand-in touches carries the label.
 */
public enum Fidelity {
    REAL, STAND_IN;

    /** As environment files and reports spell it: {@code real}, {@code stand-in}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return label();
    }
}
