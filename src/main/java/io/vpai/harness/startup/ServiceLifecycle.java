package io.vpai.harness.startup;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The first bring-up of one compose service as Docker's events tell it: created, started, first
 * healthy. Later restarts are not part of the startup order and are ignored here.
 */
public record ServiceLifecycle(String service, Optional<Instant> created, Optional<Instant> started,
                               Optional<Instant> healthy) {

    /**
     * When the service was ready for its dependents: healthy if it has a health check, else started.
     * (A health_status event arrives only after the first check passes, so "healthy" is never early.)
     */
    public Optional<Instant> ready(boolean hasHealthCheck) {
        return hasHealthCheck ? healthy : started;
    }

    /** Its own readiness time: started to healthy, what the health check (and the process) cost. */
    public Optional<Duration> ownReadiness() {
        if (started.isEmpty() || healthy.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(started.get(), healthy.get()));
    }
}
