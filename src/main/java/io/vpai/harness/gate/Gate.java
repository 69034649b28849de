package io.vpai.harness.gate;

import io.vpai.harness.check.Finding;
import io.vpai.harness.check.Waivers;
import io.vpai.harness.model.Stack;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs every rule on the model, applies the model's waivers and returns the report. A rule that
 * throws — usually on a model too broken for it — becomes a FAIL finding of that rule rather than
 * aborting the gate, so one run shows every problem.
 */
public final class Gate {
    private final List<GateRule> rules;

    public Gate(List<GateRule> rules) {
        Set<String> ids = new HashSet<>();
        for (GateRule rule : rules) {
            if (!Finding.CHECK_ID.matcher(rule.id()).matches()) {
                throw new IllegalArgumentException("gate rule id '" + rule.id() + "' must be dotted lowercase");
            }
            if (!ids.add(rule.id())) {
                throw new IllegalArgumentException("gate rule '" + rule.id() + "' is registered twice");
            }
        }
        this.rules = List.copyOf(rules);
    }

    /** The model rules, in report order: model consistency first, since the others assume it. */
    public static List<GateRule> standardRules() {
        return List.of(
                new ModelValidRule(),
                new ServiceMatrixRule(),
                new NetworkInternalRule(),
                new NetworkBaselineRule(),
                new PublishedPortsRule(),
                new EgressOnlyDeclaredRule(),
                new VpnOnlyRoutesRule(),
                new VpnOnlyAllowListRule(),
                new VpnOnlyDnsRule(),
                new DnsBaselineRule(),
                new ImagesPinnedRule(),
                new DockerSocketRule(),
                new BackupCoversStatefulRule(),
                new StartupGraphRule(),
                new NoLiteralSecretsRule());
    }

    public static Gate standard() {
        return new Gate(standardRules());
    }

    /** A gate with more rules after these, e.g. rendered-file and tool-validation rules that need renderers. */
    public Gate with(GateRule... more) {
        List<GateRule> all = new ArrayList<>(rules);
        all.addAll(List.of(more));
        return new Gate(all);
    }

    public List<GateRule> rules() {
        return rules;
    }

    public static GateReport run(Stack stack) {
        return run(stack, LocalDate.now());
    }

    public static GateReport run(Stack stack, LocalDate today) {
        return standard().evaluate(stack, today);
    }

    public GateReport evaluate(Stack stack, LocalDate today) {
        List<Finding> raw = new ArrayList<>();
        for (GateRule rule : rules) {
            raw.addAll(evaluateSafely(rule, stack));
        }
        List<Finding> decided = new ArrayList<>();
        raw.forEach(f -> decided.add(Waivers.decide(stack.waivers(), today, f)));
        decided.addAll(Waivers.unmatched(judged(stack.waivers()), raw));
        return new GateReport(today, group(decided));
    }

    /**
     * The waivers whose match the gate can judge: those in a namespace (first id segment) of its rules.
     * A waiver for a check the stack specs run ({@code isolation.*}) matches nothing here by design; the
     * spec that runs the check reports it unmatched. A renamed gate check ({@code ports.typo}) is still caught,
     * and so is a gate waiver whose subject no finding of its check carries.
     */
    private List<io.vpai.harness.model.Waiver> judged(List<io.vpai.harness.model.Waiver> waivers) {
        Set<String> namespaces = new HashSet<>();
        rules.forEach(r -> namespaces.add(namespace(r.id())));
        return waivers.stream().filter(w -> namespaces.contains(namespace(w.checkId()))).toList();
    }

    private static String namespace(String checkId) {
        int dot = checkId.indexOf('.');
        return dot < 0 ? checkId : checkId.substring(0, dot);
    }

    private static List<Finding> evaluateSafely(GateRule rule, Stack stack) {
        try {
            List<Finding> findings = rule.evaluate(stack);
            if (findings.isEmpty()) {
                // A rule that checked nothing must say so: silence would read as a pass.
                return List.of(Finding.skipped(rule.id(), "model", "nothing to check in this model"));
            }
            return findings;
        } catch (RuntimeException e) {
            return List.of(Finding.fail(rule.id(), "rule", "could not evaluate: " + e.getMessage()));
        }
    }

    /** Findings under the rule that owns their check id; others (waiver.unmatched) under their own id, after. */
    private List<RuleResult> group(List<Finding> findings) {
        Map<String, List<Finding>> byRule = new LinkedHashMap<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (GateRule rule : rules) {
            byRule.put(rule.id(), new ArrayList<>());
            descriptions.put(rule.id(), rule.description());
        }
        for (Finding finding : findings) {
            String owner = owner(finding.checkId());
            if (!descriptions.containsKey(owner)) {
                descriptions.put(owner, owner.equals(Waivers.UNMATCHED)
                        ? "every waiver matches a check that ran" : "findings of check " + owner);
            }
            byRule.computeIfAbsent(owner, k -> new ArrayList<>()).add(finding);
        }
        List<RuleResult> results = new ArrayList<>();
        byRule.forEach((id, list) -> results.add(new RuleResult(id, descriptions.get(id), list)));
        return results;
    }

    private String owner(String checkId) {
        for (GateRule rule : rules) {
            if (checkId.equals(rule.id()) || checkId.startsWith(rule.id() + ".")) {
                return rule.id();
            }
        }
        return checkId;
    }
}
