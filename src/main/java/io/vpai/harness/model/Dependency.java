package io.vpai.harness.model;

/** A startup edge: the owning service starts after {@code service} reaches {@code condition}. */
public record Dependency(String service, Condition condition) {
    public enum Condition {
        STARTED("service_started"), HEALTHY("service_healthy");

        private final String compose;

        Condition(String compose) {
            this.compose = compose;
        }

        public String compose() {
            return compose;
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
