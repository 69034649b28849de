package io.vpai.harness.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What each offline image costs a machine that has none: the default set is built once as usual (so every parent
 * exists), then each image again with {@code --no-cache} under a throwaway tag, one at a time so no build is
 * charged another's work. An image is charged only its own layers, its parent taken as built; the base is a whole
 * debootstrap. The baseline, measured in the same run, is Docker's fixed price for one build: a one-step image
 * ({@code RUN true}) on top of runtime-common. The throwaway tags are removed afterwards.
 */
public final class ColdBuilds {
    /** Where the throwaway builds are tagged: never a reference the harness runs. */
    static final String REPOSITORY = "vpai-cold-build/";
    private static final String BASELINE_PARENT = "runtime-common";

    /** One image's cold build. */
    public record ColdBuild(String image, Duration took) {
    }

    /** The baseline first, then every image of the default set, parents first. */
    public record Measured(ColdBuild baseline, List<ColdBuild> images) {
    }

    private ColdBuilds() {
    }

    /**
     * @param only the logical names to build cold (their ancestors are built, not measured); empty for all
     */
    public static Measured measure(Path projectRoot, Set<String> only, Consumer<String> progress) {
        for (String name : only) {
            ImageCatalog.require(name);
        }
        OfflineImages.ensureBuilt(projectRoot, progress);
        List<ImageSpec> defaults = ImageCatalog.all().stream().filter(ImageSpec::inDefaultSet).toList();
        BuildPlan plan = BuildPlan.of(projectRoot.toAbsolutePath().normalize(), defaults);
        ImageBuilder builder = new ImageBuilder(projectRoot);
        List<String> tags = new ArrayList<>();
        try {
            ColdBuild baseline = baseline(projectRoot, plan, tags);
            progress.accept("cold build: baseline (one RUN step) " + baseline.took().toMillis() + " ms");
            List<ColdBuild> images = new ArrayList<>();
            for (PlannedImage image : plan.images()) {
                if (!only.isEmpty() && !only.contains(image.spec().logicalName())) {
                    continue;
                }
                String tag = REPOSITORY + image.spec().logicalName() + ":cold";
                tags.add(tag);
                long start = System.nanoTime();
                builder.build(image, tag, true);
                ColdBuild built = new ColdBuild(image.spec().logicalName(), Duration.ofNanos(System.nanoTime() - start));
                progress.accept("cold build: " + built.image() + " " + built.took().toSeconds() + " s");
                images.add(built);
            }
            return new Measured(baseline, images);
        } finally {
            List<String> remove = new ArrayList<>(List.of("docker", "image", "rm", "--force"));
            remove.addAll(tags);
            CommandRunner.run(remove, Duration.ofMinutes(2));
        }
    }

    private static ColdBuild baseline(Path projectRoot, BuildPlan plan, List<String> tags) {
        String parent = plan.refsByLogicalName().get(BASELINE_PARENT);
        String tag = REPOSITORY + "baseline:cold";
        tags.add(tag);
        Path context = null;
        try {
            context = Files.createTempDirectory("vpai-cold-baseline-");
            Files.writeString(context.resolve("Dockerfile"), "FROM " + parent + "\nRUN true\n");
            long start = System.nanoTime();
            CommandRunner.Result result = CommandRunner.run(List.of("docker", "build", "--no-cache", "--force-rm",
                    "--tag", tag, context.toString()), projectRoot, ImageBuilder.CLASSIC_BUILDER,
                    Duration.ofMinutes(2), projectRoot.resolve("target/offline-images/logs/baseline.cold.log"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (!result.succeeded()) {
                throw new ImageBuildException("the baseline build (FROM " + parent + ", RUN true) failed: "
                        + result.tail(3));
            }
            return new ColdBuild("baseline", took);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the baseline's build context", e);
        } finally {
            if (context != null) {
                context.resolve("Dockerfile").toFile().delete();
                context.toFile().delete();
            }
        }
    }
}
