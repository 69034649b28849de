package io.vpai.harness.gate;

import io.vpai.harness.check.Finding;
import io.vpai.harness.check.Status;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The gate's result as data — one {@link RuleResult} per rule, in the order the rules ran, plus
 * results for check ids no rule owns ({@code waiver.unmatched}) — and its plain-text rendering.
 */
public record GateReport(LocalDate date, List<RuleResult> rules) {
    public GateReport {
        rules = List.copyOf(rules);
    }

    public List<Finding> findings() {
        return rules.stream().flatMap(r -> r.findings().stream()).toList();
    }

    /** True iff nothing failed: waived and skipped findings do not fail the gate, expired waivers do. */
    public boolean passed() {
        return findings().stream().noneMatch(Finding::failed);
    }

    public long count(Status status) {
        return findings().stream().filter(f -> f.status() == status).count();
    }

    public List<Finding> findings(Status status) {
        return findings().stream().filter(f -> f.status() == status).toList();
    }

    /**
     * One line per rule with its status, then every failing or waived finding with its subject and
     * message (and the waiver's justification), then every skipped one with its reason — a skip that
     * says nothing reads as a pass — then the totals.
     */
    public String summary() {
        int idWidth = rules.stream().mapToInt(r -> r.id().length()).max().orElse(10);
        int countsWidth = rules.stream().mapToInt(r -> counts(r).length()).max().orElse(10);
        List<String> lines = new ArrayList<>();
        lines.add("VPAI pre-deploy gate, " + date + ": " + verdict());
        lines.add("");
        for (RuleResult rule : rules) {
            lines.add(String.format("%-7s %-" + idWidth + "s  %-" + countsWidth + "s  %s", rule.status(), rule.id(), counts(rule),
                    rule.description()));
        }
        section(lines, "Failing and waived findings:", findings().stream()
                .filter(f -> f.status() == Status.FAIL || f.status() == Status.WAIVED).toList());
        section(lines, "Skipped findings (not checked):", findings(Status.SKIPPED));
        lines.add("");
        lines.add(String.format("Totals: %d rules, %d findings: %d passed, %d failed, %d waived, %d skipped. Gate %s.",
                rules.size(), findings().size(), count(Status.PASS), count(Status.FAIL), count(Status.WAIVED),
                count(Status.SKIPPED), verdict()));
        return lines.stream().map(String::stripTrailing).collect(Collectors.joining("\n", "", "\n"));
    }

    /** A titled block of findings, each with its message and, when waived, the waiver; nothing when empty. */
    private static void section(List<String> lines, String title, List<Finding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        lines.add("");
        lines.add(title);
        for (Finding finding : findings) {
            lines.add(String.format("%-7s %s [%s]", finding.status(), finding.checkId(), finding.subject()));
            lines.add("        " + finding.message());
            if (finding.status() == Status.WAIVED) {
                finding.waiver().ifPresent(w -> lines.add("        waived"
                        + w.expires().map(d -> " until " + d).orElse("") + ": " + w.justification()));
            }
        }
    }

    private String verdict() {
        return passed() ? "PASSED" : "FAILED";
    }

    private static String counts(RuleResult rule) {
        List<String> parts = new ArrayList<>();
        for (Status status : List.of(Status.FAIL, Status.WAIVED, Status.PASS, Status.SKIPPED)) {
            long n = rule.count(status);
            if (n > 0) {
                parts.add(n + " " + status.name().toLowerCase());
            }
        }
        return "(" + String.join(", ", parts) + ")";
    }
}
