package io.vpai.harness.gate;

import java.time.LocalTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The time of day of a once-a-day cron line ({@code 55 2 * * *}); anything else cannot be ordered. */
final class DailySchedule {
    private static final Pattern DAILY = Pattern.compile("\\s*(\\d{1,2})\\s+(\\d{1,2})\\s+\\*\\s+\\*\\s+\\*\\s*");

    private DailySchedule() {
    }

    static Optional<LocalTime> timeOf(String cron) {
        Matcher m = DAILY.matcher(cron);
        if (!m.matches()) {
            return Optional.empty();
        }
        int minute = Integer.parseInt(m.group(1));
        int hour = Integer.parseInt(m.group(2));
        if (minute > 59 || hour > 23) {
            return Optional.empty();
        }
        return Optional.of(LocalTime.of(hour, minute));
    }
}
