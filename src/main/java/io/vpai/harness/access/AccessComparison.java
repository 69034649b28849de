package io.vpai.harness.access;

import io.vpai.harness.check.Finding;

import java.util.Set;

/**
 * Observation against intent, as a finding. Whether a request reached its upstream is proved by the
 * stand-in header where the upstream is a stand-in; a real upstream has no such mark, so there an
 * answer that is neither the proxy's refusal nor a gateway error counts. A request no site matches
 * is turned away when it gets a refusal, a redirect, a client error, no answer, or the empty 2xx Caddy
 * gives a request no route handles (HTTP/1.0 without Host over TLS gets exactly that).
 */
public final class AccessComparison {
    /** What the proxy answers when it cannot reach an upstream: not proof of having got through to it. */
    private static final Set<Integer> GATEWAY_ERRORS = Set.of(502, 503, 504);

    private final String environment;
    private final Set<String> standInServices;

    /**
     * @param environment     the environment's name, for messages
     * @param standInServices services that run as stand-ins there (and so mark their answers)
     */
    public AccessComparison(String environment, Set<String> standInServices) {
        this.environment = environment;
        this.standInServices = Set.copyOf(standInServices);
    }

    /** PASS when the request got the intended answer; otherwise FAIL under the case's check id. */
    public Finding compare(AccessCase c, Observation seen) {
        return matches(c.intended(), seen)
                ? Finding.pass(c.checkId(), c.subject(), request(c) + " was " + c.intended().describe() + " as intended: "
                        + seen.describe() + " [environment " + environment + "]")
                : Finding.fail(c.checkId(), c.subject(), expecting(c, c.intended(), seen));
    }

    /** Whether the observation is what the model's allow-list predicts (equal to the intent except on waived paths). */
    public boolean asPredicted(AccessCase c, Observation seen) {
        return matches(c.predicted(), seen);
    }

    /** A message for an observation that is not what the allow-list predicts. */
    public String unpredicted(AccessCase c, Observation seen) {
        return expecting(c, c.predicted(), seen) + " (the model's vpn_only allow-list decides on the source "
                + c.ingress().sourceAtProxy() + (c.ingress().translated()
                ? ", where Docker's userland proxy (docker-proxy) hands the request over; without it this path does not exist"
                : "") + ")";
    }

    boolean matches(Expectation expected, Observation seen) {
        switch (expected.outcome()) {
            case PROXIED: {
                String upstream = expected.upstream().orElseThrow();
                if (standInServices.contains(upstream)) {
                    return seen.standIn().filter(upstream::equals).isPresent();
                }
                return seen.standIn().isEmpty() && seen.status() != 0 && seen.status() != 403
                        && !GATEWAY_ERRORS.contains(seen.status());
            }
            case ANSWERED:
                return seen.outcome() == Outcome.ANSWERED && seen.status() == expected.status()
                        && expected.body().map(b -> seen.bodyStart().startsWith(b)).orElse(true);
            case FORBIDDEN:
                return seen.outcome() == Outcome.FORBIDDEN;
            case TURNED_AWAY:
                return seen.standIn().isEmpty() && (seen.status() == 0 || (seen.status() >= 300 && seen.status() < 500)
                        || (seen.status() >= 200 && seen.status() < 300 && seen.bodyStart().isEmpty()));
            default:
                return seen.outcome() == expected.outcome();
        }
    }

    private String expecting(AccessCase c, Expectation expected, Observation seen) {
        return "Expecting " + request(c) + " to be " + expected.describe() + " but was " + seen.describe()
                + " [environment " + environment + "]";
    }

    /** {@code llm.ewutelo.cloud/ with X-Real-IP: 100.64.0.2 (route llm.ewutelo.cloud/) from the internet client 198.51.100.20 (fixture-internet-client) → 198.51.100.10:443} */
    private static String request(AccessCase c) {
        StringBuilder out = new StringBuilder(c.target());
        c.request().variant().ifPresent(v -> out.append(' ').append(v));
        return out.append(" (").append(c.route().map(r -> "route " + r.id()).orElse("no route")).append(") from ")
                .append(c.ingress().describe(c.request().port())).toString();
    }
}
