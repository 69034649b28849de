package io.vpai.harness.engine;

import java.time.Instant;

/** One lifecycle moment of a compose service's container, as Docker's event stream reported it. */
public record ContainerEvent(Instant time, String service, Kind kind) {
    public enum Kind { CREATED, STARTED, HEALTHY, UNHEALTHY, DIED }

    /** Docker's event action to the kind specs judge by; null for actions they ignore. Read by the SSH target too. */
    public static Kind kindOf(String action) {
        return switch (action) {
            case "create" -> Kind.CREATED;
            case "start" -> Kind.STARTED;
            case "health_status: healthy" -> Kind.HEALTHY;
            case "health_status: unhealthy" -> Kind.UNHEALTHY;
            case "die" -> Kind.DIED;
            default -> null;
        };
    }
}
