package io.vpai.harness.bench;

import io.vpai.harness.report.PhaseClock;
import io.vpai.harness.report.PhaseClock.Phase;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A run's wall time split into its phases, as a table. Spec families run the shared stack's bring-up inside the
 * first of them (JUnit starts the stack on first use): a phase nested in another counts for itself only, and
 * the outer one is charged what is left. The harness's own unit test classes make one line; the classes that ran
 * beside the stack, on the second lane, make another, which overlaps the others and so is left out of what they
 * cover; what no phase of the ordered lane covers (Maven, compilation, JVM starts) is the last.
 */
final class PhaseBreakdown {
    static final String UNIT = "unit: ";
    static final String UNIT_ROW = "the harness's own unit tests";
    private static final long OWN_LINE_MILLIS = 30_000;
    static final String BESIDE_ROW = "beside the stack, at the same time as the rows above (the second lane)";
    static final String REST = "the rest: Maven, compiling, JVM starts, Surefire";

    private PhaseBreakdown() {
    }

    /** Phase name → seconds, in the order the phases began; {@code wallMillis} is the whole run's. */
    static Map<String, Double> of(List<Phase> phases, long wallMillis) {
        Map<Boolean, List<Phase>> byLane = phases.stream()
                .collect(Collectors.partitioningBy(p -> p.name().startsWith(PhaseClock.BESIDE_LANE)));
        List<Phase> ordered = new ArrayList<>(byLane.get(false));
        List<Phase> besideLane = byLane.get(true);
        // A class's own phases (its image check) lie within the class: counted once, as the class.
        long beside = besideLane.stream().filter(p -> besideLane.stream().noneMatch(q -> q != p && p.within(q)))
                .mapToLong(Phase::millis).sum();
        // By start, and the enclosing phase first where two start together.
        ordered.sort(Comparator.comparingLong(Phase::start).thenComparing(Phase::end, Comparator.reverseOrder()));
        Map<String, Double> seconds = new LinkedHashMap<>();
        long covered = 0;
        for (Phase phase : ordered) {
            long nested = ordered.stream().filter(p -> p != phase && p.within(phase) && outermostWithin(p, phase, ordered))
                    .mapToLong(Phase::millis).sum();
            boolean outermost = ordered.stream().noneMatch(p -> p != phase && phase.within(p));
            long own = phase.millis() - nested;
            covered += outermost ? phase.millis() : 0;
            // A long harness test (ship end to end, in bench ci) keeps its own line.
            String name = phase.name().startsWith(UNIT) && phase.millis() < OWN_LINE_MILLIS ? UNIT_ROW : phase.name();
            seconds.merge(name, own / 1000.0, Double::sum);
        }
        if (beside > 0) {
            seconds.put(BESIDE_ROW, beside / 1000.0);
        }
        seconds.put(REST, Math.max(0, wallMillis - covered) / 1000.0);
        return seconds;
    }

    /** Only the phases directly inside {@code outer} count against it, not those nested one level deeper. */
    private static boolean outermostWithin(Phase inner, Phase outer, List<Phase> all) {
        return all.stream().noneMatch(p -> p != inner && p != outer && inner.within(p) && p.within(outer));
    }

    static String table(Map<String, Double> seconds, double wallSeconds) {
        StringBuilder table = new StringBuilder("| phase | seconds | share |\n|---|---:|---:|\n");
        seconds.forEach((name, s) -> table.append(String.format(Locale.ROOT, "| %s | %.1f | %.0f %% |%n", name, s,
                100 * s / wallSeconds)));
        return table.toString();
    }
}
