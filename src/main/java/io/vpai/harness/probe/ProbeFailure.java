package io.vpai.harness.probe;

/**
 * A probe that could not run (tool missing, no answer line) or printed what no probe of its kind prints: not an
 * observation of the target. Every reading of it as one throws {@link ProbeError} naming the problem.
 *
 * @param answer  the line as printed
 * @param problem why it is no observation: {@code curl is not installed in the probe image}
 */
public record ProbeFailure(Probe probe, String answer, String problem) implements ProbeResult {
    @Override
    public boolean error() {
        return true;
    }

    public ProbeError asError() {
        return new ProbeError(probe, problem);
    }

    @Override
    public TcpResult tcp() {
        throw asError();
    }

    @Override
    public HttpResult http() {
        throw asError();
    }

    @Override
    public DnsResult dns() {
        throw asError();
    }

    @Override
    public String toString() {
        return probe.describe() + ": " + answer + " (could not run: " + problem + ")";
    }
}
