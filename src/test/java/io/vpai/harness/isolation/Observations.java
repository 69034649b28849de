package io.vpai.harness.isolation;

import io.vpai.harness.model.Attachment;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.probe.ProbeResult;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Fake observations for the comparison and the renderers: what Docker 20.10 answers, with chosen deviations. */
final class Observations {
    static final String SENTINEL = "198.51.100.1";
    static final LocalDate BEFORE_EXPIRY = LocalDate.of(2026, 3, 1);
    static final Set<String> STAND_INS = Set.of("qdrant", "n8n", "litellm", "openclaw", "loki", "alloy", "grafana", "diun");
    /** Where Caddy and DIUN come from when they reach the sentinel: the internet fixture, the default bridge. */
    static final Map<String, String> OUTSIDE_MODEL = Map.of("caddy", "198.51.100.10", "diun", "172.17.0.2");

    private Observations() {
    }

    static Map<String, Integer> sentinelPorts(Stack stack) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        int next = 40001;
        for (String source : ReachabilityExpectation.egressSources(stack)) {
            ports.put(source, next++);
        }
        return ports;
    }

    static Map<String, Integer> hostPorts(Stack stack) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        int next = 41001;
        for (String gateway : ReachabilityExpectation.hostAddresses(stack)) {
            ports.put(gateway, next++);
        }
        return ports;
    }

    static List<Expectation> all(Stack stack) {
        return ReachabilityExpectation.all(stack, SENTINEL, sentinelPorts(stack), hostPorts(stack));
    }

    /**
     * Docker's behaviour: every service-to-service expectation holds; every host address, the sentinel
     * included, answers everyone (internal-only containers get a default route to the host too).
     */
    static List<ProbeResult> docker(List<Expectation> expectations) {
        return answer(expectations, e -> false);
    }

    /** As {@link #docker}, but the paths {@code flipped} selects answer the opposite way. */
    static List<ProbeResult> answer(List<Expectation> expectations, Predicate<Expectation> flipped) {
        List<ProbeResult> results = new ArrayList<>();
        for (Expectation e : expectations) {
            boolean reached = e.kind() != Expectation.Kind.SERVICE || e.reachable();
            if (flipped.test(e)) {
                reached = !reached;
            }
            results.add(ProbeResult.read(e.probe(), reached ? "open" : "silent"));
        }
        return results;
    }

    /** Where each source's sentinel connection comes from: its default route's network, as Docker picks it. */
    static Arrivals arrivals(Stack stack, List<Expectation> expectations) {
        Map<String, List<String>> peers = new HashMap<>();
        for (Expectation e : expectations) {
            if (e.kind() == Expectation.Kind.EGRESS) {
                peers.put(e.address() + ":" + e.port(), List.of(defaultRouteAddress(stack, e.source())));
            }
        }
        return (address, port) -> peers.getOrDefault(address + ":" + port, List.of());
    }

    static String defaultRouteAddress(Stack stack, String service) {
        if (OUTSIDE_MODEL.containsKey(service)) {
            return OUTSIDE_MODEL.get(service);
        }
        Service s = stack.requireService(service);
        return s.networks().stream().filter(a -> !stack.requireNetwork(a.network()).internal()).findFirst()
                .orElse(s.networks().get(0)).address();
    }

    static Arrivals from(String address, int port, String peer) {
        return (a, p) -> a.equals(address) && p == port ? List.of(peer) : List.of();
    }

    static MatrixResult result(Predicate<Expectation> flipped) {
        Stack stack = VpaiStack.model();
        List<Expectation> expectations = all(stack);
        List<Verdict> verdicts = ReachabilityComparison.compare(stack, expectations, answer(expectations, flipped),
                arrivals(stack, expectations), BEFORE_EXPIRY, "offline");
        return new MatrixResult("offline", verdicts, STAND_INS, List.of(), java.time.Duration.ofMillis(1840));
    }

    static Predicate<Expectation> path(String source, String address, int port) {
        return e -> e.source().equals(source) && e.address().equals(address) && e.port() == port;
    }

    static Attachment on(String network, String address) {
        return new Attachment(network, address);
    }
}
