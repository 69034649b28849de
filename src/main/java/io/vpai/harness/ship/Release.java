package io.vpai.harness.ship;

import io.vpai.harness.render.RenderedFile;
import io.vpai.harness.render.SeseComposeRenderer;

import java.util.List;

/** A render on its way out: its files, byte for byte, and the hash that names it on every host. */
public record Release(List<RenderedFile> files) {
    public Release {
        files = List.copyOf(files);
        if (files.stream().noneMatch(f -> f.path().equals(SeseComposeRenderer.PATH))) {
            throw new IllegalArgumentException("a release needs " + SeseComposeRenderer.PATH);
        }
    }

    public TreeListing listing() {
        return TreeListing.of(files);
    }

    public RenderHash hash() {
        return listing().hash();
    }

    /** The shipped compose file's text: what the host's containers must match, with the environment's overrides. */
    public String composeText() {
        return files.stream().filter(f -> f.path().equals(SeseComposeRenderer.PATH)).findFirst().orElseThrow().content();
    }
}
