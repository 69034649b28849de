package io.vpai.harness.render;

import java.nio.charset.StandardCharsets;

/**
 * One file that ships, rendered in memory. {@code path} is relative to the output root with forward
 * slashes; {@code content} always ends with a newline and never holds a carriage return, so the
 * bytes on disk are the same on every machine.
 */
public record RenderedFile(String path, String content, boolean executable) {

    public RenderedFile {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.endsWith("/")) {
            throw new IllegalArgumentException("rendered file path '" + path + "' must be relative, with forward slashes");
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("rendered file path '" + path + "' must not contain empty, . or .. parts");
            }
        }
        if (content.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("rendered file " + path + " contains a carriage return; line endings are \\n");
        }
        if (!content.endsWith("\n")) {
            content = content + "\n";
        }
    }

    public static RenderedFile text(String path, String content) {
        return new RenderedFile(path, content, false);
    }

    public static RenderedFile script(String path, String content) {
        return new RenderedFile(path, content, true);
    }

    public byte[] bytes() {
        return content.getBytes(StandardCharsets.UTF_8);
    }
}
