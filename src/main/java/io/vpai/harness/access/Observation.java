package io.vpai.harness.access;

import java.util.Optional;

/**
 * What came back for one request: the status (0 when nothing did), the stand-in header that proves an
 * upstream answered, the source address the proxy saw (a stand-in echoes Caddy's X-Forwarded-For), and the
 * first characters of the body.
 */
public record Observation(int status, Optional<String> standIn, Optional<String> seenFrom, String bodyStart) {
    /** The header the offline stand-ins add to every answer (src/main/docker/standin/standin.py). */
    public static final String STAND_IN_HEADER = "X-Vpai-Standin";
    /** The stand-ins' echo of the address the proxy saw the request come from. */
    public static final String SEEN_FROM_HEADER = "X-Vpai-Seen-From";

    public Observation {
        standIn = standIn == null ? Optional.empty() : standIn.filter(s -> !s.isBlank());
        seenFrom = seenFrom == null ? Optional.empty() : seenFrom.filter(s -> !s.isBlank());
        bodyStart = bodyStart == null ? "" : bodyStart.strip();
    }

    public Observation(int status, Optional<String> standIn, String bodyStart) {
        this(status, standIn, Optional.empty(), bodyStart);
    }

    public static Observation noAnswer() {
        return new Observation(0, Optional.empty(), "");
    }

    /**
     * Reads the line {@link AccessProber} prints per request: {@code <status>|<stand-in>|<seen from>|<body start>}.
     * A line that does not parse is no answer.
     */
    public static Observation parse(String line) {
        String[] parts = line.split("\\|", 4);
        int status;
        try {
            status = Integer.parseInt(parts[0].trim());
        } catch (NumberFormatException e) {
            // curl prints 000 for every network failure; anything else means curl itself did not run.
            throw new io.vpai.harness.probe.ProbeError("the request could not run: curl printed '" + line
                    + "' instead of a status (is curl installed in the client?)");
        }
        return new Observation(status, Optional.of(parts.length > 1 ? parts[1].trim() : ""),
                Optional.of(parts.length > 2 ? parts[2].trim() : ""), parts.length > 3 ? parts[3] : "");
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
                .orElse(" without " + STAND_IN_HEADER) + seenFrom.map(a -> ", Caddy saw it from " + a).orElse("");
    }
}
