package io.vpai.harness.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine's CPU time from the first line of {@code /proc/stat} (Linux), in clock ticks: busy (user, nice, system,
 * irq, softirq), idle (idle, iowait), and stolen by the hypervisor. Everything on the machine counts — Maven, the
 * test JVMs, dockerd and every container — which is the point: a run's work, spread evenly over every core, is the
 * least wall time that work can take here.
 */
record MachineCpu(long busy, long idle, long steal) {
    private static final Path STAT = Path.of("/proc/stat");

    static Optional<MachineCpu> read() {
        try {
            return Files.isReadable(STAT) ? Optional.of(parse(Files.readAllLines(STAT).get(0))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code cpu  user nice system idle iowait irq softirq steal ...}; fields a kernel does not print count as 0. */
    static MachineCpu parse(String line) {
        String[] words = line.trim().split("\\s+");
        if (!words[0].equals("cpu")) {
            throw new IllegalArgumentException("/proc/stat: first line is not the machine's 'cpu' line: " + line);
        }
        long[] f = Arrays.copyOf(Arrays.stream(words, 1, words.length).mapToLong(Long::parseLong).toArray(), 8);
        return new MachineCpu(f[0] + f[1] + f[2] + f[5] + f[6], f[3] + f[4], f[7]);
    }

    MachineCpu since(MachineCpu before) {
        return new MachineCpu(busy - before.busy, idle - before.idle, steal - before.steal);
    }

    /**
     * The run's core-seconds (wall × cores) split by these ticks' shares, so the tick length never matters; and the
     * least wall time the busy part needs with every core working.
     */
    String describe(double wallSeconds, int cores) {
        double ticks = Math.max(1, busy + idle + steal);
        double coreSeconds = wallSeconds * cores;
        double busySeconds = coreSeconds * busy / ticks;
        return String.format(Locale.ROOT, "CPU: %.0f of %.0f core-seconds busy (%.0f %%), %.0f idle, %.0f stolen; the "
                + "same work on %d cores kept busy: at least %.0f s", busySeconds, coreSeconds, 100 * busy / ticks,
                coreSeconds * idle / ticks, coreSeconds * steal / ticks, cores, busySeconds / cores);
    }
}
