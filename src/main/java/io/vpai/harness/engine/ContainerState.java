package io.vpai.harness.engine;

import java.util.Locale;

/**
 * A service's container as Docker reports it, health first: a running container with a health check is
 * {@link #HEALTHY}, {@link #STARTING} or {@link #UNHEALTHY}; one without is {@link #RUNNING}. {@link #ABSENT}
 * when the service has no container at all.
 */
public enum ContainerState {
    HEALTHY, STARTING, UNHEALTHY, RUNNING, CREATED, RESTARTING, PAUSED, REMOVING, EXITED, DEAD, ABSENT;

    /**
     * From {@code .State.Status} and {@code .State.Health.Status} (empty when the container has no health check).
     *
     * @throws IllegalArgumentException for a word Docker does not use, naming it
     */
    public static ContainerState of(String status, String health) {
        if ("running".equals(status) && health != null && !health.isEmpty()) {
            return parse(health);
        }
        return parse(status);
    }

    private static ContainerState parse(String word) {
        try {
            return valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("'" + word + "' is not a container state Docker reports");
        }
    }

    /** Ready to serve: healthy, or running where the service declares no health check. */
    public boolean ready(boolean hasHealthCheck) {
        return this == HEALTHY || (!hasHealthCheck && this == RUNNING);
    }

    /** A state that waiting will not turn into ready without someone acting (a restart policy, an operator). */
    public boolean failed() {
        return this == UNHEALTHY || this == EXITED || this == DEAD;
    }

    /** Docker's own word: {@code healthy}, {@code exited}; {@code absent} for no container. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
