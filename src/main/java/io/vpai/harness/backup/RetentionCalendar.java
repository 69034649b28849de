package io.vpai.harness.backup;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The history of nightly backups the retention drill replays with {@code restic backup --time}.
 * <p>
 * Every {@code restic backup} opens the repository, and with the key restic creates that is about half a
 * second of scrypt key derivation, whatever the data: measured 0.74 s each in sequence and 0.36 s each eight
 * at a time on the 2-CPU CI machine, so 820 nightly runs took about five minutes. The replay now opens its
 * repository with a cheaper key of its own ({@link ReplayKey}), but the calendar stays sparse: it still spans more
 * than two years and exercises every rule of the model's policy: nightly for the last 60 days (daily
 * and weekly rules, plus month boundaries), two runs on a few days (only the newest of a day may be
 * kept), weekly from 60 to 400 days back (monthly rule, the previous year-end for the yearly rule),
 * and monthly from 400 to 820 days back (everything there must be forgotten: a third calendar year).
 * {@link #nightly} gives the full history for those who want it ({@code -Dvpai.backup.retention=nightly}).
 */
public final class RetentionCalendar {
    static final LocalTime NIGHTLY = LocalTime.of(3, 0);
    /** A manual run on the same day, later than the nightly one. */
    static final LocalTime MANUAL = LocalTime.of(14, 30);
    static final int NIGHTLY_DAYS = 60;
    static final int WEEKLY_UNTIL = 400;
    static final int SPAN_DAYS = 820;
    static final int[] DOUBLE_RUN_DAYS = {2, 10, 40};

    private RetentionCalendar() {
    }

    /** The sparse calendar ending the night of {@code lastNight}, oldest first. */
    public static List<LocalDateTime> sparse(LocalDate lastNight) {
        TreeSet<LocalDateTime> times = new TreeSet<>();
        for (int back = 0; back < NIGHTLY_DAYS; back++) {
            times.add(lastNight.minusDays(back).atTime(NIGHTLY));
        }
        for (int back : DOUBLE_RUN_DAYS) {
            times.add(lastNight.minusDays(back).atTime(MANUAL));
        }
        for (int back = NIGHTLY_DAYS; back < WEEKLY_UNTIL; back += 7) {
            times.add(lastNight.minusDays(back).atTime(NIGHTLY));
        }
        for (int back = WEEKLY_UNTIL; back <= SPAN_DAYS; back += 30) {
            times.add(lastNight.minusDays(back).atTime(NIGHTLY));
        }
        return new ArrayList<>(times);
    }

    /** Every night for {@value #SPAN_DAYS} days ending {@code lastNight}, oldest first. */
    public static List<LocalDateTime> nightly(LocalDate lastNight) {
        List<LocalDateTime> times = new ArrayList<>();
        for (int back = SPAN_DAYS; back >= 0; back--) {
            times.add(lastNight.minusDays(back).atTime(NIGHTLY));
        }
        return times;
    }
}
