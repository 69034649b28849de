package io.vpai.harness.render;

/** The notice at the top of every rendered file, so nobody edits one by hand and loses the change. */
final class Generated {
    static final String NOTICE = "Generated from the model — do not edit";
    static final String RENDER_COMMAND = "mvn -q compile exec:java -Dexec.args=render";

    private Generated() {
    }

    /** Two comment lines: the notice, and who renders it and how to regenerate. */
    static String header(String commentPrefix, Class<? extends Renderer> renderer) {
        return commentPrefix + " " + NOTICE + " (" + renderer.getSimpleName() + ").\n"
                + commentPrefix + " Regenerate with: " + RENDER_COMMAND + "\n";
    }
}
