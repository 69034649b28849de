package io.vpai.harness.model;

/** A mount: a named volume (source is a plain name) or a bind mount (source is a host path). */
public record Volume(String source, String target, boolean readOnly) {
    public Volume {
        Names.nonBlank("volume source", source);
        if (target == null || !target.startsWith("/")) {
            throw new ModelException("volume '" + source + "': target '" + target + "' must be an absolute path");
        }
    }

    public static Volume named(String name, String target) {
        if (name == null || !name.matches("[a-z][a-z0-9_-]*")) {
            throw new ModelException("volume name '" + name + "' must match [a-z][a-z0-9_-]*");
        }
        return new Volume(name, target, false);
    }

    public static Volume bind(String hostPath, String target, boolean readOnly) {
        return new Volume(hostPath, target, readOnly);
    }

    public boolean isBind() {
        return source.startsWith("/") || source.startsWith(".");
    }

    public String compose() {
        return source + ":" + target + (readOnly ? ":ro" : "");
    }
}
