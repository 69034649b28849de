package io.vpai.harness.model;

/** A startup edge: the owning service starts after {@code service} reaches {@code condition}. */
public record Dependency(String service, Condition condition) {
    public enum Condition {
        STARTED, HEALTHY;

        /** Compose's spelling: {@code service_started}, {@code service_healthy}. */
        public String compose() {
            return "service_" + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Dependency {
        Names.require("dependency", service);
    }

    public static Dependency healthy(String service) {
        return new Dependency(service, Condition.HEALTHY);
    }

    public static Dependency started(String service) {
        return new Dependency(service, Condition.STARTED);
    }
}
