package io.vpai.harness.isolation;

import io.vpai.harness.check.Finding;
import io.vpai.harness.check.Waivers;
import io.vpai.harness.model.Waiver;
import io.vpai.harness.probe.Probe;
import io.vpai.harness.probe.ProbeResult;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Observation against expectation: one {@link Verdict} per expectation, in the expectations' order,
 * its finding already decided by the model's waivers (a waived check keeps its real message).
 */
public final class ReachabilityComparison {
    private ReachabilityComparison() {
    }

    public static List<Verdict> compare(List<Expectation> expectations, List<ProbeResult> results,
                                        List<Waiver> waivers, LocalDate today, String environment) {
        // The runner returns results grouped by source, not in submission order: match by probe.
        Map<Probe, String> answers = new HashMap<>();
        results.forEach(r -> answers.put(r.probe(), r.answer()));
        List<Verdict> verdicts = new ArrayList<>(expectations.size());
        for (Expectation expectation : expectations) {
            String answer = answers.get(expectation.probe());
            if (answer == null) {
                throw new IllegalArgumentException("no probe result for " + expectation.path()
                        + " (environment " + environment + ")");
            }
            Finding raw = judge(expectation, answer, environment);
            verdicts.add(new Verdict(expectation, answer, Waivers.decide(waivers, today, raw)));
        }
        return List.copyOf(verdicts);
    }

    static Finding judge(Expectation expectation, String answer, String environment) {
        boolean reached = answer.equals("open") || answer.equals("refused");
        String wanted = expectation.reachable() ? "reachable" : "unreachable";
        if (reached == expectation.reachable()) {
            return Finding.pass(expectation.checkId(), expectation.path(),
                    expectation.path() + " is " + wanted + " (" + expectation.reason() + "; " + answer
                            + "; environment " + environment + ")");
        }
        return Finding.fail(expectation.checkId(), expectation.path(),
                "Expecting " + expectation.path() + " to be " + wanted + " but " + observed(answer)
                        + " (environment " + environment + "). Model: " + expectation.reason() + ".");
    }

    private static String observed(String answer) {
        switch (answer) {
            case "open":
                return "it connected";
            case "refused":
                return "it was refused by a host that is there (the packet got through)";
            case "silent":
                return "nothing answered within the probe timeout";
            default:
                return "the probe answered '" + answer + "'";
        }
    }

    public static List<Verdict> violations(List<Verdict> verdicts) {
        return verdicts.stream().filter(Verdict::violation).toList();
    }
}
