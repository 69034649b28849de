package io.vpai.harness.probe;

/**
 * What a probe saw, read once from its answer line into one record per probe kind ({@link TcpResult},
 * {@link HttpResult}, {@link DnsResult}), or a {@link ProbeFailure} when the probe could not run or printed
 * something no probe of its kind prints. Reading a failure as an observation throws {@link ProbeError}, so it
 * surfaces as a test error, never as "unreachable".
 */
public sealed interface ProbeResult permits TcpResult, HttpResult, DnsResult, ProbeFailure {
    Probe probe();

    /** The answer as the probe printed it (for a failure, the raw line): for messages and reports. */
    String answer();

    /** The probe itself failed: its answer is about the prober, not about the network. */
    default boolean error() {
        return false;
    }

    /** This TCP answer; a {@link ProbeError} for a failure or another kind of probe. */
    default TcpResult tcp() {
        throw new ProbeError(probe(), "its answer '" + answer() + "' is not a TCP answer");
    }

    /** This HTTP answer; a {@link ProbeError} for a failure or another kind of probe. */
    default HttpResult http() {
        throw new ProbeError(probe(), "its answer '" + answer() + "' is not an HTTP answer");
    }

    /** This DNS answer; a {@link ProbeError} for a failure or another kind of probe. */
    default DnsResult dns() {
        throw new ProbeError(probe(), "its answer '" + answer() + "' is not a DNS answer");
    }

    /** TCP: the destination answered (open, or refused by a host that is there). */
    default boolean reached() {
        return tcp().reached();
    }

    /** TCP: a listener accepted the connection. */
    default boolean open() {
        return tcp().open();
    }

    /**
     * Reads one answer line of {@code probe}. A blank line, an {@code error …} line and a line the probe's kind
     * never prints are failures; everything else is an observation.
     */
    static ProbeResult read(Probe probe, String line) {
        String answer = line == null ? "" : line.strip();
        if (answer.isEmpty()) {
            return new ProbeFailure(probe, answer, "the probe printed nothing");
        }
        if (answer.startsWith("error")) {
            return new ProbeFailure(probe, answer, answer.substring("error".length()).trim());
        }
        java.util.Optional<? extends ProbeResult> observed;
        if (probe instanceof TcpProbe tcp) {
            observed = TcpResult.parse(tcp, answer);
        } else if (probe instanceof HttpProbe http) {
            observed = HttpResult.parse(http, answer);
        } else {
            observed = DnsResult.parse((DnsProbe) probe, answer);
        }
        return observed.<ProbeResult>map(r -> r)
                .orElseGet(() -> new ProbeFailure(probe, answer, "unparsable answer '" + answer + "'"));
    }
}
