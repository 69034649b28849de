package io.vpai.harness.access;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer a request should get: proxied to {@code upstream}, answered by the proxy with
 * {@code status} (and a body starting with {@code body}), or forbidden.
 */
public record Expectation(Outcome outcome, Optional<String> upstream, int status, Optional<String> body) {
    public Expectation {
        Objects.requireNonNull(outcome, "outcome");
        upstream = upstream == null ? Optional.empty() : upstream;
        body = body == null ? Optional.empty() : body;
        if ((outcome == Outcome.PROXIED) != upstream.isPresent()) {
            throw new IllegalArgumentException("a proxied expectation, and only that, names its upstream");
        }
    }

    public static Expectation proxied(String upstream) {
        return new Expectation(Outcome.PROXIED, Optional.of(upstream), 0, Optional.empty());
    }

    public static Expectation answered(int status, Optional<String> body) {
        return new Expectation(Outcome.ANSWERED, Optional.empty(), status, body);
    }

    public static Expectation turnedAway() {
        return new Expectation(Outcome.TURNED_AWAY, Optional.empty(), 0, Optional.empty());
    }

    public static Expectation forbidden() {
        return new Expectation(Outcome.FORBIDDEN, Optional.empty(), 403, Optional.empty());
    }

    /** Whether the request is meant to get past {@code vpn_only}. */
    public boolean admitted() {
        return outcome == Outcome.PROXIED || outcome == Outcome.ANSWERED;
    }

    /** The end of a test name: {@code proxied}, {@code 403}, {@code 200 "OK"}. */
    public String shortForm() {
        switch (outcome) {
            case PROXIED:
                return "proxied";
            case FORBIDDEN:
                return "403";
            case ANSWERED:
                return status + body.map(b -> " \"" + b + "\"").orElse("");
            case TURNED_AWAY:
                return "turned away";
            default:
                return "no answer";
        }
    }

    /** For messages: {@code proxied to litellm}, {@code denied with 403}, {@code answered 200 "OK" by the proxy}. */
    public String describe() {
        switch (outcome) {
            case PROXIED:
                return "proxied to " + upstream.orElseThrow();
            case FORBIDDEN:
                return "denied with 403";
            case ANSWERED:
                return "answered " + shortForm() + " by the proxy";
            case TURNED_AWAY:
                return "turned away (403, a redirect, a client error, an empty answer or none; neither an upstream's nor a route's answer)";
            default:
                return "not answered";
        }
    }
}
