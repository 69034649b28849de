package io.vpai.harness.render;

import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import org.yaml.snakeyaml.Yaml;

import java.util.List;
import java.util.Map;

/** Shorthands for tests: the shipped render of a model, one file of it, a YAML file parsed back. */
final class Rendered {
    private Rendered() {
    }

    static List<RenderedFile> all() {
        return RenderAll.render(VpaiStack.model());
    }

    static RenderedFile file(List<RenderedFile> files, String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing rendered at " + path));
    }

    static String text(Stack stack, String path) {
        return file(RenderAll.render(stack), path).content();
    }

    static String text(String path) {
        return text(VpaiStack.model(), path);
    }

    static Map<String, Object> yaml(String text) {
        return new Yaml().load(text);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
