package io.vpai.harness.target;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A target that can recreate one service from compose texts other than those it was started from: the fault a
 * hand-edited compose file makes. Offered where the harness itself drives Compose with the run's secrets (the
 * container stack); a deployed host is recreated only by a deploy.
 */
public interface Recomposable {
    /**
     * Recreates {@code service} from the target's compose texts (shipped file first, then overrides) as {@code edit}
     * changes them, and returns once Compose has started it: a fault is read from what the engine was told to run,
     * which is there at once, and waiting for the faulted service's health would only cost a health interval.
     */
    void recreate(String service, UnaryOperator<List<String>> edit, Duration deadline);

    /** Recreates {@code service} from the compose files the target was started from, and waits until the stack is ready. */
    void restore(String service, Duration deadline);
}
