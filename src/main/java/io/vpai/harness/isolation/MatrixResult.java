package io.vpai.harness.isolation;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One observed reachability matrix, as data for the spec, the renderers and the benchmark.
 *
 * @param standIns         services that are stand-ins in this environment (labelled in every report)
 * @param unboundListeners host addresses no listener could be bound to (the host does not own them)
 * @param probing          wall time of the probing alone
 */
public record MatrixResult(String environment, List<Verdict> verdicts, Set<String> standIns,
                           List<String> unboundListeners, Duration probing) {
    public MatrixResult {
        verdicts = List.copyOf(verdicts);
        standIns = Set.copyOf(standIns);
        unboundListeners = List.copyOf(unboundListeners);
    }

    public List<Verdict> violations() {
        return ReachabilityComparison.violations(verdicts);
    }

    public List<Verdict> waived() {
        return verdicts.stream().filter(Verdict::waived).toList();
    }

    public boolean green() {
        return violations().isEmpty();
    }

    public boolean standIn(String service) {
        return standIns.contains(service);
    }
}
