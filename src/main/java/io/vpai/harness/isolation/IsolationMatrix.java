package io.vpai.harness.isolation;

import java.util.ArrayList;

import io.vpai.harness.probe.Probes;

import io.vpai.harness.probe.TcpProbe;

import io.vpai.harness.probe.TcpResult;

import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.probe.Probe;
import io.vpai.harness.probe.ProbeResult;
import io.vpai.harness.probe.ProbeRunner;
import io.vpai.harness.target.Target;
import io.vpai.harness.wait.Poll;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    /** The second chance of an expected-open path that was silent: long enough for a bridge to settle. */
    private static final Duration RECHECK = Duration.ofSeconds(1);
    private static final Duration ARRIVAL_DEADLINE = Duration.ofSeconds(2);

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
            return probe(target, today, expectations, standIns, Arrivals.NONE, List.of());
        }
        String sentinel = fixtures.get().internet().gateway();
        // One sentinel listener per source (its arrivals are its own), one per stack bridge gateway.
        Map<String, String> addresses = new LinkedHashMap<>();
        List<String> sources = ReachabilityExpectation.egressSources(stack);
        sources.forEach(s -> addresses.put(s, sentinel));
        List<String> gateways = ReachabilityExpectation.hostAddresses(stack);
        gateways.forEach(g -> addresses.put(g, g));
        try (HostListeners listeners = HostListeners.open(addresses)) {
            List<Expectation> expectations = select(ReachabilityExpectation.all(stack, sentinel,
                    listeners.ports(sources), listeners.ports(gateways)), which);
            return probe(target, today, expectations, standIns, listeners, listeners.unbound());
        }
    }

    private static List<Expectation> select(List<Expectation> all, Predicate<Expectation> which) {
        return all.stream().filter(which).toList();
    }

    private static MatrixResult probe(Target target, LocalDate today, List<Expectation> expectations,
                                      Set<String> standIns, Arrivals arrivals, List<String> unbound) {
        long start = System.nanoTime();
        List<ProbeResult> results = recheckSilentPositives(target, expectations,
                ProbeRunner.run(target, expectations.stream().map(Expectation::probe).toList()));
        awaitArrivals(expectations, results, arrivals);
        Duration probing = Duration.ofNanos(System.nanoTime() - start);
        List<Verdict> verdicts = ReachabilityComparison.compare(target.model(), expectations, results, arrivals, today,
                target.name());
        return new MatrixResult(target.name(), verdicts, standIns, unbound, probing);
    }

    /**
     * A path expected open that stayed silent within the matrix's short bound is probed once more with a longer one:
     * a SYN lost while a bridge settles (right after a network connect or disconnect) must not read as a violation,
     * and a path really closed stays silent this time too. Expected-silent paths are never re-probed: silence is what
     * they expect, so no violation can be hidden this way.
     */
    private static List<ProbeResult> recheckSilentPositives(Target target, List<Expectation> expectations,
                                                            List<ProbeResult> results) {
        List<Integer> silent = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (expectations.get(i).reachable() && results.get(i) instanceof TcpResult tcp
                    && tcp.reach() == TcpResult.Reach.SILENT) {
                silent.add(i);
            }
        }
        if (silent.isEmpty()) {
            return results;
        }
        List<TcpProbe> again = silent.stream().map(i -> expectations.get(i).probe())
                .map(p -> new TcpProbe(p.from(), p.address(), p.port(), RECHECK)).toList();
        List<ProbeResult> second = ProbeRunner.run(target, again);
        List<ProbeResult> merged = new ArrayList<>(results);
        for (int k = 0; k < silent.size(); k++) {
            int i = silent.get(k);
            merged.set(i, new TcpResult(expectations.get(i).probe(), second.get(k).tcp().reach()));
        }
        System.out.println("[isolation] " + silent.size() + " expected-open paths silent within "
                + Probes.TCP_TIMEOUT.toMillis() + " ms, re-probed with " + RECHECK.toMillis() + " ms: "
                + second.stream().filter(ProbeResult::reached).count() + " answered (environment " + target.name() + ")");
        return merged;
    }

    /**
     * The kernel completes a connection before the listener thread accepts it: give the acceptors a
     * moment (bounded) to note every egress connection a probe reported open.
     */
    private static void awaitArrivals(List<Expectation> expectations, List<ProbeResult> results, Arrivals arrivals) {
        Set<Probe> open = results.stream().filter(r -> r.answer().equals("open")).map(ProbeResult::probe)
                .collect(Collectors.toSet());
        List<Expectation> waiting = expectations.stream()
                .filter(e -> e.kind() == Expectation.Kind.EGRESS && open.contains(e.probe())).toList();
        try {
            Poll.of("the listeners' note of every open egress connection",
                            () -> waiting.stream().filter(e -> arrivals.peers(e.address(), e.port()).isEmpty()).toList())
                    .every(Duration.ofMillis(10)).describedAs(missing -> missing.size() + " not yet noted")
                    .until(List::isEmpty, ARRIVAL_DEADLINE);
        } catch (Poll.WaitTimeout stillMissing) {
            // the comparison reports every connection no listener noted
        }
    }
}
