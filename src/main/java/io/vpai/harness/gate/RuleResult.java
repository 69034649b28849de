package io.vpai.harness.gate;

import io.vpai.harness.check.Finding;
import io.vpai.harness.check.Status;

import java.util.List;

/** What one rule found, after waivers; its status is the worst of its findings. */
public record RuleResult(String id, String description, List<Finding> findings) {
    public RuleResult {
        findings = List.copyOf(findings);
    }

    public Status status() {
        return Status.worst(findings.stream().map(Finding::status).toList());
    }

    public long count(Status status) {
        return findings.stream().filter(f -> f.status() == status).count();
    }
}
