package io.vpai.harness.environment;

import java.util.List;

/**
 * The logical names an environment file may use under {@code build:}. The image catalog
 * ({@link io.vpai.harness.images.OfflineImages}) is the one list; this class only names the stand-in.
 */
public final class OfflineImages {
    /** The image that impersonates a service: listens on its ports, answers its health check. */
    public static final String STANDIN = "standin";

    public static final List<String> NAMES = io.vpai.harness.images.OfflineImages.knownLogicalNames();

    private OfflineImages() {
    }
}
