package io.vpai.harness.check;

import io.vpai.harness.model.Waiver;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One checked fact, as data: which check ({@code acl.vpn-only-allow-list}), its outcome, the
 * element it is about (a service, route, network, record…) and a message that names the element and
 * the fact, so a reader needs nothing else to act on it. {@code waiver} is the waiver that decided a
 * WAIVED status, or the expired one that no longer could.
 */
public record Finding(String checkId, Status status, String subject, String message, Optional<Waiver> waiver) {

    /** Dotted lowercase, like InSpec control ids users write waivers against: {@code dns.vpn-only-resolve-to-tailnet}. */
    public static final Pattern CHECK_ID = Pattern.compile("[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+");

    public Finding {
        if (checkId == null || !CHECK_ID.matcher(checkId).matches()) {
            throw new IllegalArgumentException("check id '" + checkId + "' must be dotted lowercase, like acl.vpn-only-routes");
        }
        if (status == null) {
            throw new IllegalArgumentException("finding of '" + checkId + "': status is missing");
        }
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("finding of '" + checkId + "': subject must name the element checked");
        }
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("finding of '" + checkId + "' about '" + subject + "': message is blank");
        }
        waiver = waiver == null ? Optional.empty() : waiver;
    }

    public static Finding pass(String checkId, String subject, String message) {
        return new Finding(checkId, Status.PASS, subject, message, Optional.empty());
    }

    public static Finding fail(String checkId, String subject, String message) {
        return new Finding(checkId, Status.FAIL, subject, message, Optional.empty());
    }

    public static Finding skipped(String checkId, String subject, String reason) {
        return new Finding(checkId, Status.SKIPPED, subject, reason, Optional.empty());
    }

    /** The check could not observe anything (its probe did not run): never waived, never a pass. */
    public static Finding error(String checkId, String subject, String problem) {
        return new Finding(checkId, Status.ERROR, subject, problem, Optional.empty());
    }

    public boolean failed() {
        return status == Status.FAIL;
    }

    public Finding waivedBy(Waiver active) {
        return new Finding(checkId, Status.WAIVED, subject, message, Optional.of(active));
    }

    /** Still a failure, but the message says which waiver would have covered it and since when it does not. */
    public Finding withExpiredWaiver(Waiver expired) {
        String expiry = expired.expires().map(Object::toString).orElse("?");
        return new Finding(checkId, Status.FAIL, subject,
                message + " (waiver expired on " + expiry + ": " + expired.justification() + ")", Optional.of(expired));
    }

    @Override
    public String toString() {
        return status + " " + checkId + " [" + subject + "] " + message;
    }
}
