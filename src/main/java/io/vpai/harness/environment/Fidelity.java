package io.vpai.harness.environment;

/**
 * Whether the container behind a service is the real component or a stand-in that only listens on
 * the declared ports and answers the health check. Every report row a stand-in touches carries the label.
 */
public enum Fidelity {
    REAL("real"), STAND_IN("stand-in");

    private final String label;

    Fidelity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
