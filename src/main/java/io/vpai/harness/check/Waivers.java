package io.vpai.harness.check;

import io.vpai.harness.model.Waiver;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Chef InSpec's waiver rules applied to raw findings, so the gate and the dynamic specs agree:
 * <ul>
 *   <li>a FAIL whose check id and subject an active waiver matches becomes WAIVED; the check still
 *       ran, its message is kept and the finding carries the waiver (and so its justification). A
 *       FAIL of the same check about another subject stays FAIL: a waiver accepts one element;</li>
 *   <li>a FAIL matched only by expired waivers stays FAIL, and its message says when the waiver expired;</li>
 *   <li>PASS and SKIPPED findings are left alone: a waiver never hides or upgrades them;</li>
 *   <li>a waiver that matches no finding at all (passing or failing, check id and subject) is itself
 *       a FAIL {@code waiver.unmatched}: it was probably written against a renamed check or a subject
 *       that no longer exists, and would otherwise silently waive a future finding of that name.</li>
 * </ul>
 * The day is a parameter, not the clock, so tests can stand on either side of an expiry date.
 */
public final class Waivers {
    public static final String UNMATCHED = "waiver.unmatched";

    private Waivers() {
    }

    /** The findings in their original order, then one {@link #UNMATCHED} finding per waiver that matched nothing. */
    public static List<Finding> apply(List<Waiver> waivers, LocalDate today, List<Finding> raw) {
        List<Finding> result = new ArrayList<>(raw.size());
        for (Finding finding : raw) {
            result.add(decide(waivers, today, finding));
        }
        result.addAll(unmatched(waivers, raw));
        return List.copyOf(result);
    }

    /**
     * One finding's fate, for specs that report findings one at a time (a JUnit dynamic test each);
     * they call {@link #unmatched} once at the end of the suite with every finding that ran.
     */
    public static Finding decide(List<Waiver> waivers, LocalDate today, Finding finding) {
        if (!finding.failed()) {
            return finding;
        }
        Optional<Waiver> active = waivers.stream()
                .filter(w -> w.matches(finding.checkId(), finding.subject()) && w.activeOn(today))
                .findFirst();
        if (active.isPresent()) {
            return finding.waivedBy(active.get());
        }
        return waivers.stream()
                .filter(w -> w.matches(finding.checkId(), finding.subject()))
                .findFirst()
                .map(finding::withExpiredWaiver)
                .orElse(finding);
    }

    /** A {@link #UNMATCHED} failure for each waiver that matches none of the findings that ran (id and subject). */
    public static List<Finding> unmatched(List<Waiver> waivers, Collection<Finding> ran) {
        List<Finding> result = new ArrayList<>();
        for (Waiver waiver : waivers) {
            if (ran.stream().noneMatch(f -> waiver.matches(f.checkId(), f.subject()))) {
                boolean checkRan = ran.stream().anyMatch(f -> waiver.matchesCheck(f.checkId()));
                result.add(new Finding(UNMATCHED, Status.FAIL, waiver.describe(),
                        "waiver for '" + waiver.checkId() + "' about '" + waiver.subject() + "' matches no finding that ran"
                                + (checkRan ? " (the check ran, about other subjects); fix its subject or remove it"
                                : "; remove it or fix its check id"),
                        Optional.of(waiver)));
            }
        }
        return result;
    }
}
