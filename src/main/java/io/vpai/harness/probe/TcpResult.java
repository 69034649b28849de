package io.vpai.harness.probe;

import java.util.Locale;
import java.util.Optional;

/** What a TCP probe saw: a listener accepted, a host refused (RST: the packet got there), or nothing answered. */
public record TcpResult(TcpProbe probe, Reach reach) implements ProbeResult {
    public enum Reach {
        OPEN, REFUSED, SILENT;

        /** The prober's word for it: {@code open}, {@code refused}, {@code silent}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static Optional<TcpResult> parse(TcpProbe probe, String answer) {
        for (Reach reach : Reach.values()) {
            if (reach.word().equals(answer)) {
                return Optional.of(new TcpResult(probe, reach));
            }
        }
        return Optional.empty();
    }

    @Override
    public TcpResult tcp() {
        return this;
    }

    @Override
    public boolean reached() {
        return reach != Reach.SILENT;
    }

    @Override
    public boolean open() {
        return reach == Reach.OPEN;
    }

    @Override
    public String answer() {
        return reach.word();
    }

    @Override
    public String toString() {
        return probe.describe() + ": " + answer();
    }
}
