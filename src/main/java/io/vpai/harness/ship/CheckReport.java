package io.vpai.harness.ship;

import io.vpai.harness.check.Finding;
import io.vpai.harness.check.Status;

import java.util.List;

/** The findings of a host check or a smoke: green when nothing failed and nothing could not run. */
public record CheckReport(List<Finding> findings) {
    public CheckReport {
        findings = List.copyOf(findings);
    }

    public boolean green() {
        return problems().isEmpty();
    }

    /** Failures and checks that could not run: each one is a reason not to go on. */
    public List<Finding> problems() {
        return findings.stream().filter(f -> f.status() == Status.FAIL || f.status() == Status.ERROR).toList();
    }

    /** {@code 40 passed, 0 failed, 1 skipped}: what a ledger line keeps. */
    public String counts() {
        return count(Status.PASS) + " passed, " + problems().size() + " failed, " + count(Status.SKIPPED) + " skipped";
    }

    /** The counts and the first problem, for a one-line refusal. */
    public String summary() {
        return counts() + problems().stream().findFirst().map(f -> "; first: " + f.checkId() + " [" + f.subject() + "] "
                + f.message()).orElse("");
    }

    private long count(Status status) {
        return findings.stream().filter(f -> f.status() == status).count();
    }
}
