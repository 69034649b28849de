package io.vpai.harness.startup;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How times appear in findings and reports: UTC wall clock to the millisecond, gaps to a tenth of one. */
public final class Moments {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private Moments() {
    }

    /** "12:00:01.234" (UTC, like Docker's own event times). */
    public static String clock(Instant instant) {
        return CLOCK.format(instant);
    }

    /** "666.0 ms" from a nanosecond duration. */
    public static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.1f ms", duration.toNanos() / 1e6);
    }

    /** "+1.234 s" since the origin of a timeline. */
    public static String offset(Instant origin, Instant instant) {
        return String.format(Locale.ROOT, "+%.3f s", Duration.between(origin, instant).toNanos() / 1e9);
    }

    /** "8.04 s". */
    public static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f s", duration.toNanos() / 1e9);
    }
}
