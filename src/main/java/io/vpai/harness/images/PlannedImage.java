package io.vpai.harness.images;

import java.util.Optional;

/** An image whose reference is known before it is built: its tag is its input hash. */
record PlannedImage(ImageSpec spec, String inputsHash, Optional<String> parentRef) {

    static final int TAG_LENGTH = 12;

    String ref() {
        return OfflineImages.REPOSITORY_PREFIX + spec.logicalName() + ":" + inputsHash.substring(0, TAG_LENGTH);
    }
}
