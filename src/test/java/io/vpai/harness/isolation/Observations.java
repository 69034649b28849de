package io.vpai.harness.isolation;

import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.probe.ProbeResult;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Fake probe results for the comparison and the renderers: what Docker would answer, with chosen deviations. */
final class Observations {
    static final String SENTINEL = "198.51.100.1";
    static final LocalDate BEFORE_EXPIRY = LocalDate.of(2026, 3, 1);
    static final Set<String> STAND_INS = Set.of("qdrant", "n8n", "litellm", "openclaw", "loki", "alloy", "grafana", "diun");

    private Observations() {
    }

    static Map<String, Integer> ports(Stack stack) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(SENTINEL, 40001);
        int next = 40002;
        for (String gateway : ReachabilityExpectation.hostAddresses(stack)) {
            ports.put(gateway, next++);
        }
        return ports;
    }

    static List<Expectation> all(Stack stack) {
        return ReachabilityExpectation.all(stack, SENTINEL, ports(stack));
    }

    /** Docker's behaviour: every expectation holds, except that the host answers on internal bridges too. */
    static List<ProbeResult> docker(List<Expectation> expectations) {
        return answer(expectations, e -> false);
    }

    /** As {@link #docker}, but the paths {@code flipped} selects answer the opposite way. */
    static List<ProbeResult> answer(List<Expectation> expectations, Predicate<Expectation> flipped) {
        List<ProbeResult> results = new ArrayList<>();
        for (Expectation e : expectations) {
            boolean reached = e.kind() == Expectation.Kind.HOST_FROM_INTERNAL || e.reachable();
            if (flipped.test(e)) {
                reached = !reached;
            }
            results.add(new ProbeResult(e.probe(), reached ? "open" : "silent"));
        }
        return results;
    }

    static MatrixResult result(Predicate<Expectation> flipped) {
        Stack stack = VpaiStack.model();
        List<Expectation> expectations = all(stack);
        List<Verdict> verdicts = ReachabilityComparison.compare(expectations, answer(expectations, flipped),
                stack.waivers(), BEFORE_EXPIRY, "offline");
        return new MatrixResult("offline", verdicts, STAND_INS, List.of(), java.time.Duration.ofMillis(1840));
    }

    static Predicate<Expectation> path(String source, String address, int port) {
        return e -> e.source().equals(source) && e.address().equals(address) && e.port() == port;
    }
}
