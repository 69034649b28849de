package io.vpai.harness.gate;

import io.vpai.harness.check.Finding;
import io.vpai.harness.model.ModelValidator;
import io.vpai.harness.model.Stack;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model's own consistency (references, addresses, duplicates) as gate findings, so the other
 * rules' verdicts can be trusted and the report shows why they might not be.
 */
public final class ModelValidRule implements GateRule {
    public static final String ID = "model.valid";

    /**
     * ModelValidator's problems are plain lines that start with the element ("service 'redis': …",
     * "route x.ewutelo.cloud/: …", "record llm.ewutelo.cloud: …"); this recovers the element's name.
     */
    private static final Pattern ELEMENT = Pattern.compile(
            "^(?:service|network|host|route|tailnet record|public record|record|backup step|proxy: service)\\s+'?([^':\\s]+)'?");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "the model is consistent (ModelValidator: references, addresses, duplicates, cycles)";
    }

    @Override
    public List<Finding> evaluate(Stack stack) {
        List<String> problems = ModelValidator.problems(stack);
        if (problems.isEmpty()) {
            return List.of(Finding.pass(ID, "model", "ModelValidator reports no problem"));
        }
        List<Finding> findings = new ArrayList<>();
        for (String problem : problems) {
            findings.add(Finding.fail(ID, subjectOf(problem), problem));
        }
        return findings;
    }

    static String subjectOf(String problem) {
        Matcher m = ELEMENT.matcher(problem);
        if (m.find()) {
            return m.group(1);
        }
        if (problem.startsWith("restic job")) {
            return "restic";
        }
        if (problem.startsWith("startup order")) {
            return "startup graph";
        }
        return "model";
    }
}
