package io.vpai.harness.probe;

/**
 * What a probe saw: the raw answer line, read by the probe kind's own accessors. An answer starting with
 * {@code error} means the probe could not run (tool missing, unparsable output): reading it as an
 * observation throws {@link ProbeError}, so it surfaces as a test error, never as "unreachable".
 */
public record ProbeResult(Probe probe, String answer) {
    public ProbeResult {
        if (answer == null || answer.isBlank()) {
            answer = "error the probe printed nothing";
        }
    }

    /** The probe itself failed: its answer is about the prober, not about the network. */
    public boolean error() {
        return answer.startsWith("error");
    }

    /** TCP: the destination answered (open, or refused by a host that is there). */
    public boolean reached() {
        return switch (observed("open", "refused", "silent")) {
            case "open", "refused" -> true;
            default -> false;
        };
    }

    public boolean open() {
        return observed("open", "refused", "silent").equals("open");
    }

    /** HTTP: the status code, 0 when nothing answered. */
    public int status() {
        requireObservation();
        if (!answer.trim().matches("\\d{3}")) {
            throw new ProbeError(probe, "expected a three-digit HTTP status, got '" + answer + "'");
        }
        return Integer.parseInt(answer.trim());
    }

    /** DNS: the addresses answered, empty for no answer. */
    public java.util.List<String> addresses() {
        requireObservation();
        return answer.equals("no-answer") ? java.util.List.of() : java.util.List.of(answer.trim().split("\\s+"));
    }

    private String observed(String... known) {
        requireObservation();
        for (String k : known) {
            if (answer.equals(k)) {
                return k;
            }
        }
        throw new ProbeError(probe, "unparsable answer '" + answer + "'");
    }

    private void requireObservation() {
        if (error()) {
            throw new ProbeError(probe, answer.substring("error".length()).trim());
        }
    }

    @Override
    public String toString() {
        return probe.describe() + ": " + answer;
    }
}
