package io.vpai.harness.stack;

import io.vpai.harness.environment.ContainerEnvironment;
import io.vpai.harness.environment.ImageSource;
import io.vpai.harness.model.Stack;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Path;
import java.util.Map;

/** A run's override as the tests read it: rendered for made-up mounts and image tags, its services parsed. */
final class RenderedOverride {
    private RenderedOverride() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> services(Stack model, ContainerEnvironment env) {
        OverrideFile.Mounts mounts = new OverrideFile.Mounts(Path.of("/run/Caddyfile"),
                Path.of("/run/environment.caddy"), Path.of("/run/tailnet.conf"), Path.of("/run/public.conf"));
        String text = OverrideFile.render(model, env, source -> source instanceof ImageSource.Pull pull
                ? pull.reference() : "vpai/" + ((ImageSource.Build) source).logicalImage() + ":test",
                new RunLabels("0102030405"), mounts, null);
        return (Map<String, Object>) new Yaml().<Map<String, Object>>load(text).get("services");
    }
}
