package io.vpai.harness.environment;

import java.util.List;

/**
 * The logical names of the images the offline environment builds on the machine (one build context
 * each under {@code src/main/docker/<name>}). An environment file may name only these.
 */
public final class OfflineImages {
    /** The image that impersonates a service: listens on its ports, answers its health check. */
    public static final String STANDIN = "standin";

    // n8n 1.x could be built from npm on bookworm's nodejs 18 (DESIGN, CI machine facts); add it here when it is.
    public static final List<String> NAMES = List.of(
            "base", "postgres", "redis", "caddy", "victoriametrics", "dns", "s3", "restic", STANDIN, "probe", "sshd");

    private OfflineImages() {
    }
}
