package io.vpai.harness.render;

import io.vpai.harness.model.Stack;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every renderer of what ships, and the one way to run them all. */
public final class RenderAll {
    private RenderAll() {
    }

    /** The shipped set: the Caddyfile with production's imported environment file. */
    public static List<Renderer> renderers() {
        return List.of(
                new SeseComposeRenderer(),
                new PostgresInitRenderer(),
                new LiteLlmConfigRenderer(),
                new OpenClawConfigRenderer(),
                new CaddyfileRenderer(),
                new BackupScriptRenderer(),
                new EnvExampleRenderer(),
                new SekoComposeRenderer(),
                new HeadscaleConfigRenderer(),
                new ArchitectureDocRenderer());
    }

    public static List<RenderedFile> render(Stack stack) {
        return render(stack, renderers());
    }

    /**
     * All files in memory, sorted by path. Throws (and so writes nothing) if any renderer throws or
     * two renderers claim the same path.
     */
    public static List<RenderedFile> render(Stack stack, List<Renderer> renderers) {
        List<RenderedFile> files = new ArrayList<>();
        Map<String, String> owner = new HashMap<>();
        for (Renderer renderer : renderers) {
            for (RenderedFile file : renderer.render(stack)) {
                String previous = owner.putIfAbsent(file.path(), renderer.getClass().getSimpleName());
                if (previous != null) {
                    throw new IllegalStateException(file.path() + " is rendered by both " + previous + " and "
                            + renderer.getClass().getSimpleName());
                }
                files.add(file);
            }
        }
        files.sort(Comparator.comparing(RenderedFile::path));
        return List.copyOf(files);
    }
}
