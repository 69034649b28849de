package io.vpai.harness.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where a run's time goes: the harness's phases (image check, bring-up, mesh join, teardown, each spec family)
 * appended as they end to the file the system property {@value #PROPERTY} names, one tab-separated line each
 * ({@code phase, start, end}, epoch milliseconds). Off when the property is unset; {@code bench nightly} sets it and
 * reads the file back. An append per phase, not a buffer, so phases of several JVMs (Surefire's forks) and of a
 * run that fails half-way are all there.
 */
public final class PhaseClock {
    public static final String PROPERTY = "vpai.phases";
    /** What the test lane beside the ordered one puts before its phases' names (JUnit's second thread). */
    public static final String BESIDE_LANE = "beside: ";
    /** Set by that lane, so that what it times is told apart from what the ordered lane does meanwhile. */
    private static final ThreadLocal<String> LANE = ThreadLocal.withInitial(() -> "");

    private PhaseClock() {
    }

    /** One timed phase; {@code end} is not before {@code start}. */
    public record Phase(String name, long start, long end) {
        public long millis() {
            return end - start;
        }

        public boolean within(Phase outer) {
            return start >= outer.start && end <= outer.end;
        }
    }

    public static <T> T time(String phase, Supplier<T> work) {
        long start = System.currentTimeMillis();
        try {
            return work.get();
        } finally {
            record(phase, start, System.currentTimeMillis());
        }
    }

    public static void time(String phase, Runnable work) {
        time(phase, () -> {
            work.run();
            return null;
        });
    }

    public static void record(String phase, long start, long end) {
        appendTo(System.getProperty(PROPERTY), named(phase), start, end);
    }

    static String named(String phase) {
        String lane = LANE.get();
        return phase.startsWith(lane) ? phase : lane + phase;
    }

    /** Phases this thread records from now on begin with {@code prefix} ({@code ""}: none). */
    public static void nameThisThreadsPhases(String prefix) {
        LANE.set(prefix);
    }

    /** To {@code file}, or nowhere when it is unset; tests name a file rather than set the property others read. */
    static void appendTo(String file, String phase, long start, long end) {
        if (file == null || file.isBlank()) {
            return;
        }
        String line = phase.replace('\t', ' ') + "\t" + start + "\t" + end + "\n";
        synchronized (PhaseClock.class) {
            try {
                Files.writeString(Path.of(file), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                // A timing that cannot be written must not fail the run it times.
                System.err.println("[phases] cannot append to " + file + ": " + e.getMessage());
            }
        }
    }

    /** The phases a run wrote, in the order they ended; a line that is not three tab-separated fields is refused. */
    public static List<Phase> read(Path file) {
        List<Phase> phases = new ArrayList<>();
        try {
            int number = 0;
            for (String line : Files.readAllLines(file)) {
                number++;
                String[] fields = line.split("\t");
                if (fields.length != 3 || !fields[1].matches("\\d+") || !fields[2].matches("\\d+")) {
                    throw new IllegalArgumentException(file + ":" + number + ": not 'phase<TAB>start<TAB>end': " + line);
                }
                phases.add(new Phase(fields[0], Long.parseLong(fields[1]), Long.parseLong(fields[2])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the phase log " + file, e);
        }
        return phases;
    }
}
