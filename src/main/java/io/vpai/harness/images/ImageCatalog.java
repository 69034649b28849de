package io.vpai.harness.images;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every offline image, parents before children. The one place that says which images exist and
 * what each is built on.
 */
final class ImageCatalog {

    /** Shared by every service image; see runtime-common/Dockerfile. */
    static final String RUNTIME_COMMON = "runtime-common";

    private static final List<ImageSpec> SPECS = List.of(
            ImageSpec.base(),
            ImageSpec.builtOn("base", RUNTIME_COMMON),
            // A real n8n at the model's pin, offline: the locked tree .ci/provision installs from the npm
            // registry (1.4 GB unpacked). First among its siblings because builds start in catalog order and
            // the slowest should overlap all the others.
            ImageSpec.builtOn(RUNTIME_COMMON, "n8n")
                    .withBuildTimeout(Duration.ofMinutes(15))
                    .withExtraInput(ExtraInput.required("n8n-tree.tar.gz", "/var/cache/vpai/n8n-tree.tar.gz",
                            "run .ci/provision first: it installs src/main/docker/n8n/package-lock.json from the"
                                    + " npm registry")),
            ImageSpec.builtOn(RUNTIME_COMMON, "postgres"),
            ImageSpec.builtOn(RUNTIME_COMMON, "redis"),
            // Caddy with the OVH DNS module, built by .ci/provision with the machine's Go.
            ImageSpec.builtOn(RUNTIME_COMMON, "caddy").withExtraInput(goBinary("caddy")),
            // VictoriaMetrics at the model's pin, built by .ci/provision with the machine's Go.
            ImageSpec.builtOn(RUNTIME_COMMON, "victoriametrics").withExtraInput(goBinary("victoria-metrics")),
            ImageSpec.builtOn(RUNTIME_COMMON, "dns"),
            ImageSpec.builtOn(RUNTIME_COMMON, "s3").withExtraInput(ExtraInput.required(
                    "s3proxy.jar", "target/image-inputs/s3proxy.jar",
                    "run `mvn generate-resources` (or any later phase) first: it copies"
                            + " org.gaul:s3proxy:2.6.0 there")),
            ImageSpec.builtOn(RUNTIME_COMMON, "restic"),
            ImageSpec.builtOn(RUNTIME_COMMON, "standin"),
            ImageSpec.builtOn(RUNTIME_COMMON, "probe"),
            ImageSpec.builtOn(RUNTIME_COMMON, "sshd"),
            // The mesh: binaries .ci/provision builds with the machine's Go from the Go module proxy.
            ImageSpec.builtOn(RUNTIME_COMMON, "headscale").withExtraInput(goBinary("headscale")),
            ImageSpec.builtOn(RUNTIME_COMMON, "tailscale")
                    .withExtraInput(goBinary("tailscale")).withExtraInput(goBinary("tailscaled")),
            // A real LiteLLM from PyPI, offline: the wheelhouse .ci/provision downloads for the pinned lock.
            ImageSpec.builtOn(RUNTIME_COMMON, "litellm").withExtraInput(ExtraInput.required(
                    "litellm-wheelhouse.tar", "/var/cache/vpai/litellm-wheelhouse.tar",
                    "run .ci/provision first: it downloads the wheels of src/main/docker/litellm/requirements.txt"
                            + " from PyPI")),
            // A real OpenClaw on Node 24, offline: the npm tree .ci/provision installs for the pinned lock.
            ImageSpec.builtOn(RUNTIME_COMMON, "openclaw").withExtraInput(ExtraInput.required(
                    "openclaw-tree.tar", "/var/cache/vpai/openclaw-tree.tar",
                    "run .ci/provision first: it installs src/main/docker/openclaw/package-lock.json"
                            + " from the npm registry")),
            // The LLM provider the internet fixture network offers in place of Anthropic and OpenRouter.
            ImageSpec.builtOn(RUNTIME_COMMON, "llm-provider"));

    private static final Map<String, ImageSpec> BY_NAME = SPECS.stream()
            .collect(Collectors.toMap(ImageSpec::logicalName, s -> s, (a, b) -> a, LinkedHashMap::new));

    private ImageCatalog() {}

    private static ExtraInput goBinary(String name) {
        return ExtraInput.required(name, "/usr/local/bin/" + name,
                "run .ci/provision first: it builds " + name + " from the Go module proxy");
    }

    static List<ImageSpec> all() {
        return SPECS;
    }

    static Optional<ImageSpec> find(String logicalName) {
        return Optional.ofNullable(BY_NAME.get(logicalName));
    }

    static ImageSpec require(String logicalName) {
        return find(logicalName).orElseThrow(() -> new IllegalArgumentException(
                "unknown offline image '" + logicalName + "'; known: " + String.join(", ", BY_NAME.keySet())));
    }

    /** The image and its ancestors, parents first. */
    static List<ImageSpec> withAncestors(ImageSpec spec) {
        java.util.ArrayDeque<ImageSpec> chain = new java.util.ArrayDeque<>();
        for (ImageSpec s = spec; s != null; s = s.parent().map(ImageCatalog::require).orElse(null)) {
            chain.addFirst(s);
        }
        return List.copyOf(chain);
    }
}
