package io.vpai.harness.environment;

import java.util.Objects;

/** Where a service's container image comes from in a container environment. */
public sealed interface ImageSource permits ImageSource.Build, ImageSource.Pull {

    Fidelity fidelity();

    /** What a report shows: the pinned reference, or {@code offline:<name>} for an image built on the machine. */
    String describe();

    /**
     * An image built on the machine from Debian packages (the offline environment). {@code logicalImage}
     * is one of {@link OfflineImages#NAMES}; the image builder maps it to a Docker tag.
     */
    record Build(String logicalImage, Fidelity fidelity) implements ImageSource {
        public Build {
            Objects.requireNonNull(fidelity, "fidelity");
            if (!OfflineImages.NAMES.contains(logicalImage)) {
                throw EnvironmentException.of("build", "unknown offline image '" + logicalImage + "' (known: "
                        + String.join(", ", OfflineImages.NAMES) + ")");
            }
            if (logicalImage.equals(OfflineImages.STANDIN) && fidelity == Fidelity.REAL) {
                throw EnvironmentException.of("fidelity", "the '" + OfflineImages.STANDIN + "' image is a stand-in, not real");
            }
        }

        @Override
        public String describe() {
            return "offline:" + logicalImage;
        }
    }

    /** An upstream image pulled from a registry, pinned by tag or digest. */
    record Pull(String reference, Fidelity fidelity) implements ImageSource {
        public Pull {
            Objects.requireNonNull(fidelity, "fidelity");
            String problem = ImageReferences.problem(reference);
            if (problem != null) {
                throw EnvironmentException.of("image", problem);
            }
        }

        @Override
        public String describe() {
            return reference;
        }
    }
}
