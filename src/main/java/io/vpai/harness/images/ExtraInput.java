package io.vpai.harness.images;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file that belongs in an image's build context but not in its source folder, such as the
 * S3Proxy jar Maven downloads. Its content is part of the image's input hash.
 *
 * @param contextName  the file's name inside the build context (what the Dockerfile COPYs)
 * @param source       where it is read from; relative paths are resolved against the project root
 * @param required     when false and the source is absent, an empty file stands in for it
 * @param missingHint  what to do when a required input is absent, for the error message
 */
record ExtraInput(String contextName, Path source, boolean required, String missingHint) {

    ExtraInput {
        Objects.requireNonNull(contextName, "contextName");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(missingHint, "missingHint");
    }

    static ExtraInput required(String contextName, String projectRelativePath, String missingHint) {
        return new ExtraInput(contextName, Path.of(projectRelativePath), true, missingHint);
    }

    static ExtraInput optional(String contextName, Path absolutePath) {
        return new ExtraInput(contextName, absolutePath, false, "");
    }

    Path resolve(Path projectRoot) {
        return projectRoot.resolve(source);
    }
}
