package io.vpai.harness.baseline;

/** A startup edge: {@code dependent} starts after {@code dependency} (section 7's arrows point this way). */
public record Edge(String dependency, String dependent) {
    public Edge {
        if (dependency == null || dependent == null) {
            throw new IllegalArgumentException("edge needs both ends");
        }
    }

    @Override
    public String toString() {
        return dependency + " -> " + dependent;
    }
}
