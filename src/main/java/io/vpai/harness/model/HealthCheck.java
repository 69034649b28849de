package io.vpai.harness.model;

import java.time.Duration;
import java.util.List;

/**
 * How Docker decides a service is ready. The test is a shell command run inside the container, so
 * it must use a binary the image ships (see README, Assumptions).
 */
public record HealthCheck(String command, Duration interval, Duration timeout, int retries, Duration startPeriod) {
    /** Production timing: a dependency level costs about one interval, so keep it short. */
    public static final Duration INTERVAL = Duration.ofSeconds(5);
    public static final Duration TIMEOUT = Duration.ofSeconds(3);
    public static final int RETRIES = 10;
    public static final Duration START_PERIOD = Duration.ofSeconds(30);

    public HealthCheck {
        Names.nonBlank("health check command", command);
        if (retries < 1) {
            throw new ModelException("health check '" + command + "': retries must be at least 1");
        }
    }

    public static HealthCheck shell(String command) {
        return new HealthCheck(command, INTERVAL, TIMEOUT, RETRIES, START_PERIOD);
    }

    /** An HTTP GET on loopback that must answer 2xx. */
    public static HealthCheck http(int port, String path) {
        return shell("wget -q -O /dev/null http://127.0.0.1:" + port + path + " || exit 1");
    }

    /** A TCP connect on loopback, for images that ship bash but no HTTP client. */
    public static HealthCheck tcp(int port) {
        return shell("bash -c ':> /dev/tcp/127.0.0.1/" + port + "' || exit 1");
    }

    public HealthCheck withInterval(Duration value) {
        return new HealthCheck(command, value, timeout, retries, startPeriod);
    }

    public HealthCheck withRetries(int value) {
        return new HealthCheck(command, interval, timeout, value, startPeriod);
    }

    public HealthCheck withStartPeriod(Duration value) {
        return new HealthCheck(command, interval, timeout, retries, value);
    }

    /**
     * The same check at another interval, with retries scaled so a service still has as long to become
     * healthy: a shorter interval speeds start-up without making a slow starter fail sooner.
     */
    public HealthCheck atInterval(Duration value) {
        long window = interval.toMillis() * retries;
        int scaled = (int) Math.max(retries, (window + value.toMillis() - 1) / value.toMillis());
        return new HealthCheck(command, value, timeout, scaled, startPeriod);
    }

    public List<String> composeTest() {
        return List.of("CMD-SHELL", command);
    }
}
