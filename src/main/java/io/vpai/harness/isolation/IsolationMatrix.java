package io.vpai.harness.isolation;

import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.probe.ProbeResult;
import io.vpai.harness.probe.ProbeRunner;
import io.vpai.harness.target.Target;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Observes the reachability matrix on a target: host listeners up, every probe in one
 * {@link ProbeRunner#run} call (so the negatives' timeouts overlap), listeners down, compare.
 * Egress and host paths need the fixtures and a JVM on the Docker host: a target without fixtures
 * (SSH) gets the service-to-service matrix only.
 */
public final class IsolationMatrix {
    private IsolationMatrix() {
    }

    public static MatrixResult observe(Target target, LocalDate today) {
        return observe(target, today, e -> true);
    }

    /** Only the expectations {@code which} selects, e.g. one service's egress path. */
    public static MatrixResult observe(Target target, LocalDate today, Predicate<Expectation> which) {
        Stack stack = target.model();
        Set<String> standIns = stack.services().stream().map(Service::name)
                .filter(s -> target.fidelity(s) == Fidelity.STAND_IN).collect(Collectors.toSet());
        Optional<Fixtures> fixtures = target.fixtures();
        if (fixtures.isEmpty()) {
            List<Expectation> expectations = select(ReachabilityExpectation.derive(stack), which);
            return probe(target, today, expectations, standIns, List.of());
        }
        String sentinel = fixtures.get().internet().gateway();
        List<String> addresses = new ArrayList<>();
        addresses.add(sentinel);
        addresses.addAll(ReachabilityExpectation.hostAddresses(stack));
        try (HostListeners listeners = HostListeners.open(addresses)) {
            List<Expectation> expectations = select(ReachabilityExpectation.all(stack, sentinel, listeners.ports()), which);
            return probe(target, today, expectations, standIns, listeners.unbound());
        }
    }

    private static List<Expectation> select(List<Expectation> all, Predicate<Expectation> which) {
        return all.stream().filter(which).toList();
    }

    private static MatrixResult probe(Target target, LocalDate today, List<Expectation> expectations,
                                      Set<String> standIns, List<String> unbound) {
        long start = System.nanoTime();
        List<ProbeResult> results = ProbeRunner.run(target, expectations.stream().map(Expectation::probe).toList());
        Duration probing = Duration.ofNanos(System.nanoTime() - start);
        List<Verdict> verdicts = ReachabilityComparison.compare(expectations, results, target.model().waivers(), today,
                target.name());
        return new MatrixResult(target.name(), verdicts, standIns, unbound, probing);
    }
}
