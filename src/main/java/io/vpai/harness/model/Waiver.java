package io.vpai.harness.model;

import java.time.LocalDate;
import java.util.Optional;

/**
 * An accepted deviation, after Chef InSpec's waivers, scoped to one finding: the check id and the
 * subject the finding is about ({@code acl.vpn-only-allow-list} for {@code 172.20.1.0/24}), with a
 * justification and an optional expiry. The waived check still runs and reports its real result; it
 * just does not fail the run until the waiver expires.
 *
 * <p>The check id may end in {@code *} to name a family of checks; the subject may not be a pattern:
 * a waiver keyed by check id alone waived whatever else that check later found (a {@code 0.0.0.0/0}
 * entry under the bridge-subnet waiver), so every waiver names the one element it accepts.
 */
public record Waiver(String checkId, String subject, String justification, Optional<LocalDate> expires) {
    public Waiver {
        Names.nonBlank("waiver check id", checkId);
        Names.nonBlank("subject of waiver '" + checkId + "'", subject);
        if (subject.contains("*")) {
            throw new ModelException("waiver '" + checkId + "': subject '" + subject
                    + "' is a pattern; a waiver names the one element it accepts");
        }
        Names.nonBlank("justification of waiver '" + checkId + "' [" + subject + "]", justification);
        expires = expires == null ? Optional.empty() : expires;
    }

    public boolean activeOn(LocalDate day) {
        return expires.map(day::isBefore).orElse(true);
    }

    /** Whether the waiver is about this check (its id, or its family when the waiver's id ends in *). */
    public boolean matchesCheck(String id) {
        return checkId.equals(id) || (checkId.endsWith("*") && id.startsWith(checkId.substring(0, checkId.length() - 1)));
    }

    /** Whether the waiver is about this finding: the check and the very subject. */
    public boolean matches(String id, String findingSubject) {
        return matchesCheck(id) && subject.equals(findingSubject);
    }

    /** {@code acl.vpn-only-allow-list [172.20.1.0/24]}, as reports name it. */
    public String describe() {
        return checkId + " [" + subject + "]";
    }
}
