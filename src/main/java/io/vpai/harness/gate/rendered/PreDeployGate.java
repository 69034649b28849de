package io.vpai.harness.gate.rendered;

import io.vpai.harness.gate.Gate;
import io.vpai.harness.gate.RenderedFilesSecretsRule;
import io.vpai.harness.model.Stack;
import io.vpai.harness.render.RenderAll;
import io.vpai.harness.render.RenderedFile;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The full pre-deploy gate: the model rules, plus the checks that need the project — every environment
 * file, drift against {@code compose/}, the real tools, and no literal secret in any rendered file.
 */
public final class PreDeployGate {
    private PreDeployGate() {
    }

    public static Gate forProject(Path projectRoot, Stack stack) {
        List<RenderedFile> files = RenderAll.render(stack);
        Map<String, String> texts = new LinkedHashMap<>();
        files.forEach(f -> texts.put(f.path(), f.content()));
        return Gate.standard().with(new EnvironmentFilesRule(projectRoot), new RenderDriftRule(projectRoot.resolve("compose")), RealToolsRule.fromEnvironment(),
                new RenderedFilesSecretsRule(texts, Map.of()));
    }
}
