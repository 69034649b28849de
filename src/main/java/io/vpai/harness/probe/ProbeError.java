package io.vpai.harness.probe;

/**
 * A probe that could not run, or whose answer cannot be read. It is not an observation of the target:
 * JUnit reports it as an error, so a broken prober can never pass a negative check.
 */
public final class ProbeError extends RuntimeException {
    public ProbeError(Probe probe, String problem) {
        super("probe " + probe.describe() + " could not run: " + problem);
    }

    public ProbeError(String message) {
        super(message);
    }
}
