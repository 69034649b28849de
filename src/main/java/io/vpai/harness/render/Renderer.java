package io.vpai.harness.render;

import io.vpai.harness.model.Stack;

import java.util.List;

/**
 * Turns the model into files. A renderer is a pure function of the stack: same model, same bytes
 * (no clock, no host name, no map iteration order left to chance).
 */
public interface Renderer {
    List<RenderedFile> render(Stack stack);
}
