package io.vpai.harness.isolation;

import io.vpai.harness.check.Finding;
import io.vpai.harness.check.Waivers;
import io.vpai.harness.model.Network;
import io.vpai.harness.model.Stack;
import io.vpai.harness.probe.Probe;
import io.vpai.harness.probe.ProbeResult;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Observation against expectation: one {@link Verdict} per expectation, in the expectations' order,
 * its finding already decided by the model's waivers (a waived check keeps its real message).
 *
 * <p>Egress is read with the sentinel's {@link Arrivals}: the sentinel is a host address, which Docker
 * lets even an internal-only container reach (its default route points at the host), so a connection
 * counts as egress only if it came from an address that is not on an internal network — traffic for a
 * real outside address leaving through an internal bridge is dropped by Docker's forwarding rules.
 */
public final class ReachabilityComparison {
    static final String VIA_INTERNAL = "open only via internal ";

    private ReachabilityComparison() {
    }

    public static List<Verdict> compare(Stack stack, List<Expectation> expectations, List<ProbeResult> results,
                                        Arrivals arrivals, LocalDate today, String environment) {
        // The runner returns results grouped by source, not in submission order: match by probe.
        Map<Probe, ProbeResult> answers = new HashMap<>();
        results.forEach(r -> answers.put(r.probe(), r));
        List<Verdict> verdicts = new ArrayList<>(expectations.size());
        for (Expectation expectation : expectations) {
            ProbeResult result = answers.get(expectation.probe());
            if (result == null) {
                throw new IllegalArgumentException("no probe result for " + expectation.path()
                        + " (environment " + environment + ")");
            }
            if (result.error()) {
                verdicts.add(new Verdict(expectation, result.answer(), Finding.error(expectation.checkId(),
                        expectation.path(), "the probe for " + expectation.path() + " could not run: "
                                + result.answer() + " (environment " + environment + ")")));
                continue;
            }
            String answer = result.answer();
            // Only a sentinel port is one source's own; a gateway listener hears every service on that bridge.
            List<String> peers = expectation.kind() == Expectation.Kind.EGRESS
                    ? arrivals.peers(expectation.address(), expectation.port()) : List.of();
            answer = egressAnswer(stack, answer, peers);
            Finding raw = judge(expectation, answer, peers, environment);
            verdicts.add(new Verdict(expectation, answer, Waivers.decide(stack.waivers(), today, raw)));
        }
        return List.copyOf(verdicts);
    }

    /** "open" stays open only if some arrival came through a bridge that forwards outside. */
    static String egressAnswer(Stack stack, String answer, List<String> peers) {
        if (!reached(answer) || peers.isEmpty()) {
            return answer;
        }
        for (String peer : peers) {
            Optional<Network> network = networkOf(stack, peer);
            if (network.isEmpty() || !network.get().internal()) {
                return answer;
            }
        }
        String peer = peers.get(0);
        return VIA_INTERNAL + networkOf(stack, peer).map(Network::name).orElseThrow() + " from " + peer;
    }

    private static Optional<Network> networkOf(Stack stack, String address) {
        return stack.networks().stream().filter(n -> n.subnet().contains(address)).findFirst();
    }

    static boolean reached(String answer) {
        return answer.equals("open") || answer.equals("refused");
    }

    static Finding judge(Expectation expectation, String answer, List<String> peers, String environment) {
        boolean reached = reached(answer);
        String wanted = expectation.reachable() ? "reachable" : "unreachable";
        if (reached == expectation.reachable()) {
            return Finding.pass(expectation.checkId(), expectation.subject(),
                    expectation.path() + " is " + wanted + " (" + expectation.reason() + "; " + answer
                            + "; environment " + environment + ")");
        }
        return Finding.fail(expectation.checkId(), expectation.subject(),
                "Expecting " + expectation.path() + " to be " + wanted + " but " + observed(answer, peers)
                        + " (environment " + environment + "). Model: " + expectation.reason() + ".");
    }

    private static String observed(String answer, List<String> peers) {
        String from = peers.isEmpty() ? "" : " from " + String.join(", ", peers.stream().distinct().toList());
        if (answer.equals("open")) {
            return "it connected" + from;
        }
        if (answer.equals("refused")) {
            return "it was refused by a host that is there (the packet got through)";
        }
        if (answer.equals("silent")) {
            return "nothing answered within the probe timeout";
        }
        if (answer.startsWith(VIA_INTERNAL)) {
            return "it arrived only through internal network " + answer.substring(VIA_INTERNAL.length())
                    + ", which Docker does not forward outside";
        }
        return "the probe answered '" + answer + "'";
    }

    public static List<Verdict> violations(List<Verdict> verdicts) {
        return verdicts.stream().filter(Verdict::violation).toList();
    }
}
