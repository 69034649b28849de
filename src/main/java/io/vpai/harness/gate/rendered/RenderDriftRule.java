package io.vpai.harness.gate.rendered;

import io.vpai.harness.check.Finding;
import io.vpai.harness.gate.GateRule;
import io.vpai.harness.model.Stack;
import io.vpai.harness.render.DriftCheck;
import io.vpai.harness.render.RenderAll;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** What ships is what the model says: the committed {@code compose/} equals a fresh render, byte for byte. */
public final class RenderDriftRule implements GateRule {
    private final Path composeRoot;

    public RenderDriftRule(Path composeRoot) {
        this.composeRoot = composeRoot;
    }

    @Override
    public String id() {
        return "render.no-drift";
    }

    @Override
    public String description() {
        return "compose/ equals a fresh render of the model";
    }

    @Override
    public List<Finding> evaluate(Stack stack) {
        try {
            List<DriftCheck.Difference> differences = DriftCheck.compare(composeRoot, RenderAll.render(stack));
            if (differences.isEmpty()) {
                return List.of(Finding.pass(id(), "compose/", "every rendered file is committed unchanged"));
            }
            return differences.stream()
                    .map(d -> Finding.fail(id(), "compose/" + d.path(), d + " (run the render command)"))
                    .toList();
        } catch (IOException e) {
            return List.of(Finding.fail(id(), "compose/", "cannot read: " + e.getMessage()));
        }
    }
}
