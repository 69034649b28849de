package io.vpai.harness.access;

import java.util.Optional;

/**
 * What came back for one request: the status (0 when nothing did), the stand-in header that proves an
 * upstream answered, and the first characters of the body.
 */
public record Observation(int status, Optional<String> standIn, String bodyStart) {
    /** The header the offline stand-ins add to every answer (src/main/docker/standin/standin.py). */
    public static final String STAND_IN_HEADER = "X-Vpai-Standin";

    public Observation {
        standIn = standIn == null ? Optional.empty() : standIn.filter(s -> !s.isBlank());
        bodyStart = bodyStart == null ? "" : bodyStart.strip();
    }

    public static Observation noAnswer() {
        return new Observation(0, Optional.empty(), "");
    }

    /**
     * Reads the line {@link AccessProber} prints per request: {@code <status>|<stand-in>|<body start>}.
     * A line that does not parse is no answer.
     */
    public static Observation parse(String line) {
        String[] parts = line.split("\\|", 3);
        int status;
        try {
            status = Integer.parseInt(parts[0].trim());
        } catch (NumberFormatException e) {
            // curl prints 000 for every network failure; anything else means curl itself did not run.
            throw new io.vpai.harness.probe.ProbeError("the request could not run: curl printed '" + line
                    + "' instead of a status (is curl installed in the client?)");
        }
        return new Observation(status, Optional.of(parts.length > 1 ? parts[1].trim() : ""), parts.length > 2 ? parts[2] : "");
    }

    /** The outcome as far as a response can show it: an upstream's answer is recognised by the stand-in header. */
    public Outcome outcome() {
        if (standIn.isPresent()) {
            return Outcome.PROXIED;
        }
        if (status == 0) {
            return Outcome.NO_ANSWER;
        }
        return status == 403 ? Outcome.FORBIDDEN : Outcome.ANSWERED;
    }

    /** For messages: {@code 200 from stand-in litellm}, {@code 403 "" from the proxy}, {@code no answer}. */
    public String describe() {
        if (status == 0) {
            return "no answer";
        }
        String body = bodyStart.isEmpty() ? "" : " \"" + bodyStart + "\"";
        return status + body + standIn.map(s -> " from stand-in " + s + " (" + STAND_IN_HEADER + ": " + s + ")")
                .orElse(" without " + STAND_IN_HEADER);
    }
}
