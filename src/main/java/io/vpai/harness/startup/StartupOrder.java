package io.vpai.harness.startup;

import io.vpai.harness.check.Finding;
import io.vpai.harness.model.Dependency.Condition;
import io.vpai.harness.model.Stack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Judges the observed startup against a dependency graph: for every edge, the dependent's first start
 * must come strictly after its dependency's first healthy (or started) event. Times are Docker's
 * nanosecond event times, so "same second" is not "same moment".
 */
public final class StartupOrder {
    /** The model's own depends_on, as rendered and shipped. */
    public static final String CHECK_ID = "startup.order";
    /** The seed's section 7 graph: a model that dropped an edge still has to start in this order. */
    public static final String SEED_CHECK_ID = "startup.seed-order";

    private StartupOrder() {
    }

    /** One finding per {@code depends_on} edge of the model. */
    public static List<Finding> againstModel(Stack model, StartupTimeline timeline) {
        return StartupEdge.fromModel(model).stream().map(e -> judge(CHECK_ID, e, timeline)).toList();
    }

    /** One finding per edge of the seed's graph, whatever the model declares now. */
    public static List<Finding> againstSeed(StartupTimeline timeline) {
        return StartupEdge.fromSeed().stream().map(e -> judge(SEED_CHECK_ID, e, timeline)).toList();
    }

    public static Finding judge(String checkId, StartupEdge edge, StartupTimeline timeline) {
        ServiceLifecycle dependent = timeline.of(edge.dependent());
        ServiceLifecycle dependency = timeline.of(edge.dependency());
        String subject = edge.dependent();
        if (dependent.started().isEmpty()) {
            return Finding.fail(checkId, subject, edge.dependent() + " never started (no start event in the run's"
                    + " event stream), so its startup order after " + edge.dependency() + " cannot be shown");
        }
        Instant started = dependent.started().get();
        Optional<Instant> reached = edge.condition() == Condition.HEALTHY ? dependency.healthy() : dependency.started();
        if (reached.isEmpty()) {
            return Finding.fail(checkId, subject, edge.dependent() + " started " + Moments.clock(started) + " before "
                    + edge.dependency() + " was " + edge.reached() + " (no " + edge.reached() + " event for "
                    + edge.dependency() + " at all)");
        }
        Duration gap = Duration.between(reached.get(), started);
        if (gap.isNegative() || gap.isZero()) {
            return Finding.fail(checkId, subject, edge.dependent() + " started " + Moments.clock(started) + " before "
                    + edge.dependency() + " was " + edge.reached() + " at " + Moments.clock(reached.get())
                    + " (" + Moments.millis(gap.negated()) + " early)");
        }
        return Finding.pass(checkId, subject, edge.dependent() + " started " + Moments.clock(started) + " after "
                + edge.dependency() + " was " + edge.reached() + " at " + Moments.clock(reached.get())
                + " (+" + Moments.millis(gap) + ")");
    }
}
