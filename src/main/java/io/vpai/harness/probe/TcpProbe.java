package io.vpai.harness.probe;

import io.vpai.harness.model.Ipv4;

import java.time.Duration;
import java.util.Locale;

/**
 * Can a TCP connection be opened? A refused connection (RST) counts as reached: the packet got there.
 * The answer is one of {@code open}, {@code refused}, {@code silent} (dropped: nothing answered in time, or
 * no route), or {@code error …} when the probe itself could not run — never mistaken for "unreachable".
 *
 * <p>The probe image's {@code vpai-tcp-probe} makes the connection (non-blocking, so a batch of probes is one
 * process, see {@link ProbeRunner}); the timeout may be under a second, since a SYN-ACK on a local bridge
 * comes back in microseconds and the batch's positive control runs under the same bound.
 */
public record TcpProbe(String from, Ipv4 address, int port, Duration timeout) implements Probe {
    static final String PROBER = "vpai-tcp-probe";
    static final String MISSING = "error " + PROBER + " is not installed in the probe image";

    public TcpProbe {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("probe " + from + " → " + address + ":" + port + ": timeout must be positive");
        }
    }

    @Override
    public String describe() {
        return from + " → " + address + ":" + port;
    }

    /** One probe on its own; batches of them go through the prober in one call ({@link #proberLine}). */
    @Override
    public String command() {
        return "if ! command -v " + PROBER + " >/dev/null; then echo '" + MISSING + "'; "
                + "else echo '0 " + address + " " + port + "' | " + PROBER + " " + seconds(timeout)
                + " | sed -n 's/^0 //p'; fi";
    }

    /** The prober's input line for this probe under a batch's {@code key}. */
    String proberLine(String key) {
        return key + " " + address + " " + port;
    }

    static String seconds(Duration timeout) {
        return String.format(Locale.ROOT, "%.3f", timeout.toMillis() / 1000.0);
    }
}
