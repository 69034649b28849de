package io.vpai.harness.images;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One offline image: its logical name, the folder under {@code src/main/docker/} holding its
 * inputs, and the image it is built {@code FROM}. The image without a parent is the base, made by
 * {@code base/build-base.sh} rather than a Dockerfile.
 */
record ImageSpec(
        String logicalName,
        Optional<String> parent,
        List<ExtraInput> extraInputs,
        boolean inDefaultSet,
        Duration buildTimeout) {

    static final Duration DEFAULT_BUILD_TIMEOUT = Duration.ofMinutes(10);

    ImageSpec {
        Objects.requireNonNull(logicalName, "logicalName");
        if (!logicalName.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("image logical name must be lower-case [a-z0-9-]: " + logicalName);
        }
        parent = Objects.requireNonNull(parent, "parent");
        extraInputs = List.copyOf(extraInputs);
        Objects.requireNonNull(buildTimeout, "buildTimeout");
    }

    static ImageSpec base() {
        return new ImageSpec("base", Optional.empty(), List.of(), true, DEFAULT_BUILD_TIMEOUT);
    }

    static ImageSpec builtOn(String parent, String logicalName) {
        return new ImageSpec(logicalName, Optional.of(parent), List.of(), true, DEFAULT_BUILD_TIMEOUT);
    }

    /** Built only when asked for by name: too slow or too big for every run. */
    ImageSpec optional() {
        return new ImageSpec(logicalName, parent, extraInputs, false, buildTimeout);
    }

    ImageSpec withExtraInput(ExtraInput input) {
        List<ExtraInput> inputs = new ArrayList<>(extraInputs);
        inputs.add(input);
        return new ImageSpec(logicalName, parent, inputs, inDefaultSet, buildTimeout);
    }

    ImageSpec withBuildTimeout(Duration timeout) {
        return new ImageSpec(logicalName, parent, extraInputs, inDefaultSet, timeout);
    }

    boolean isBase() {
        return parent.isEmpty();
    }

    /** Folder of this image's inputs, relative to the project root. */
    String directory() {
        return "src/main/docker/" + logicalName;
    }
}
