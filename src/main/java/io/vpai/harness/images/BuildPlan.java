package io.vpai.harness.images;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The images a call needs, ancestors included, each with the reference its inputs give it.
 * Computing every reference needs no Docker, so what is missing is known before any build.
 */
final class BuildPlan {

    private final Map<String, PlannedImage> images = new LinkedHashMap<>();

    private BuildPlan() {}

    static BuildPlan of(Path projectRoot, Collection<ImageSpec> wanted) {
        BuildPlan plan = new BuildPlan();
        for (ImageSpec spec : wanted) {
            for (ImageSpec link : ImageCatalog.withAncestors(spec)) {
                plan.images.computeIfAbsent(link.logicalName(), name -> {
                    Optional<String> parentRef = link.parent().map(parent -> plan.images.get(parent).ref());
                    return new PlannedImage(link, InputHasher.hash(projectRoot, link, parentRef), parentRef);
                });
            }
        }
        return plan;
    }

    /** Parents before children. */
    Collection<PlannedImage> images() {
        return images.values();
    }

    Map<String, String> refsByLogicalName() {
        Map<String, String> refs = new LinkedHashMap<>();
        images.forEach((name, image) -> refs.put(name, image.ref()));
        return refs;
    }
}
