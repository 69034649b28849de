package io.vpai.harness.model;

import java.time.LocalDate;
import java.util.Optional;

/**
 * An accepted deviation, after Chef InSpec's waivers: keyed by check id, with a justification and an
 * optional expiry. The waived check still runs and reports its real result; it just does not fail
 * the run until the waiver expires.
 */
public record Waiver(String checkId, String justification, Optional<LocalDate> expires) {
    public Waiver {
        Names.nonBlank("waiver check id", checkId);
        Names.nonBlank("justification of waiver '" + checkId + "'", justification);
    }

    public boolean activeOn(LocalDate day) {
        return expires.map(day::isBefore).orElse(true);
    }

    public boolean matches(String id) {
        return checkId.equals(id) || (checkId.endsWith("*") && id.startsWith(checkId.substring(0, checkId.length() - 1)));
    }
}
