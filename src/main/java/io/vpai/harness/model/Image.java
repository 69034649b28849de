package io.vpai.harness.model;

/** A container image pinned to a version tag; "latest" and untagged references are rejected by the gate. */
public record Image(String repository, String tag) {
    public Image {
        Names.nonBlank("image repository", repository);
        Names.nonBlank("image tag of " + repository, tag);
    }

    public static Image of(String reference) {
        int colon = reference.lastIndexOf(':');
        if (colon < 0 || reference.indexOf('/', colon) >= 0) {
            return new Image(reference, "latest");
        }
        return new Image(reference.substring(0, colon), reference.substring(colon + 1));
    }

    public boolean pinned() {
        return !tag.equals("latest") && !tag.isBlank();
    }

    /**
     * The release the tag names, without a variant suffix or a leading {@code v}: {@code 2.10.2} for
     * {@code caddy:2.10.2-alpine}, {@code 1.106.1} for {@code victoria-metrics:v1.106.1} (what the binary says).
     */
    public String version() {
        int dash = tag.indexOf('-');
        String release = dash < 0 ? tag : tag.substring(0, dash);
        return release.matches("v\\d.*") ? release.substring(1) : release;
    }

    public String reference() {
        return repository + ":" + tag;
    }

    @Override
    public String toString() {
        return reference();
    }
}
