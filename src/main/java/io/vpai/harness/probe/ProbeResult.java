package io.vpai.harness.probe;

/** What a probe saw: the raw answer line, read by the probe kind's own accessors. */
public record ProbeResult(Probe probe, String answer) {
    /** TCP: the destination answered (open, or refused by a host that is there). */
    public boolean reached() {
        return answer.equals("open") || answer.equals("refused");
    }

    public boolean open() {
        return answer.equals("open");
    }

    /** HTTP: the status code, 0 when nothing answered. */
    public int status() {
        try {
            return Integer.parseInt(answer.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return probe.describe() + ": " + answer;
    }
}
