package io.vpai.harness.images;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The container images of the {@code offline} environment, built on this machine from Debian
 * packages (no image registry is reachable) and cached by a hash of their inputs: the tag of
 * {@code vpai/postgres:1a2b3c4d5e6f} is the start of the SHA-256 over {@code src/main/docker/postgres/}
 * and its parent's reference, so an unchanged image is never rebuilt and a changed one always is.
 *
 * <pre>{@code
 * OfflineImages images = OfflineImages.ensureBuilt(projectRoot, System.out::println);
 * String postgres = images.image("postgres");   // "vpai/postgres:1a2b3c4d5e6f"
 * }</pre>
 *
 * Every image carries the labels {@value #LABEL_IMAGE} (its logical name) and {@value #LABEL_INPUTS}
 * (the full input hash). Build logs go to {@code target/offline-images/logs/}.
 */
public final class OfflineImages {

    public static final String LABEL_IMAGE = "io.vpai.harness.image";
    public static final String LABEL_INPUTS = "io.vpai.harness.inputs";
    static final String REPOSITORY_PREFIX = "vpai/";

    private final Map<String, String> refs;

    private OfflineImages(Map<String, String> refs) {
        this.refs = Collections.unmodifiableMap(new LinkedHashMap<>(refs));
    }

    /**
     * Builds every image of the default set that is missing and returns them all. A call that has
     * nothing to build runs no build and takes well under 2 s.
     *
     * @param projectRoot the repository root (the folder holding pom.xml)
     * @param progress    receives one line per step; may be null
     * @throws ImageBuildException naming the image and the last lines of its build output
     */
    public static OfflineImages ensureBuilt(Path projectRoot, Consumer<String> progress) {
        List<ImageSpec> defaults = ImageCatalog.all().stream().filter(ImageSpec::inDefaultSet).toList();
        return new OfflineImages(new BuildRun(checkedRoot(projectRoot), progress).ensure(defaults));
    }

    /**
     * Builds one image and its ancestors if missing: for a caller that needs only that image, or for
     * an image kept out of the default set ({@code ImageSpec.optional()} in the catalog).
     *
     * @return its reference, e.g. {@code vpai/n8n:0123456789ab}
     */
    public static String build(Path projectRoot, String logicalName, Consumer<String> progress) {
        ImageSpec spec = ImageCatalog.require(logicalName);
        return new BuildRun(checkedRoot(projectRoot), progress).ensure(List.of(spec)).get(logicalName);
    }

    /** Logical names of every known image, the optional ones included. */
    public static List<String> knownLogicalNames() {
        return ImageCatalog.all().stream().map(ImageSpec::logicalName).toList();
    }

    /** The reference of a built image, e.g. {@code image("redis")} -> {@code "vpai/redis:9f8e7d6c5b4a"}. */
    public String image(String logicalName) {
        String ref = refs.get(logicalName);
        if (ref != null) {
            return ref;
        }
        ImageSpec spec = ImageCatalog.require(logicalName);
        throw new IllegalArgumentException("offline image '" + spec.logicalName() + "' is optional and not part of"
                + " this set; build it with OfflineImages.build(projectRoot, \"" + spec.logicalName() + "\", progress)");
    }

    /** Logical name -> image reference, parents first (base, runtime-common, then the services). */
    public Map<String, String> all() {
        return refs;
    }

    @Override
    public String toString() {
        return "OfflineImages" + refs;
    }

    private static Path checkedRoot(Path projectRoot) {
        Path root = projectRoot.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("src/main/docker"))) {
            throw new IllegalArgumentException("not the harness project root (no pom.xml and src/main/docker): " + root);
        }
        return root;
    }
}
