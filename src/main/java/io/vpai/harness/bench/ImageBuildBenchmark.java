package io.vpai.harness.bench;

import io.vpai.harness.images.ColdBuilds;
import io.vpai.harness.images.ColdBuilds.ColdBuild;
import io.vpai.harness.images.OfflineImages;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code bench images}: the cold build of every offline image, one at a time, each charged its own layers (its
 * parent taken as built), against Docker's fixed price for one build measured in the same run. One build per image:
 * a cold build downloads its Debian packages, so repeats would measure the mirror as much as the machine.
 *
 * <p>{@code -Dvpai.bench.images=n8n,openclaw} measures only those (their parents are built, not measured). The
 * package trees and Go binaries {@code .ci/provision} fetches are inputs here, not part of the figure: provision
 * prints its own steps' times.
 */
final class ImageBuildBenchmark {
    private ImageBuildBenchmark() {
    }

    static int run(Path root) {
        Set<String> only = Arrays.stream(System.getProperty("vpai.bench.images", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        for (String name : only) {
            if (!OfflineImages.knownLogicalNames().contains(name)) {
                throw new IllegalArgumentException("bench images: -Dvpai.bench.images names '" + name
                        + "', which is no offline image (known: " + String.join(", ", OfflineImages.knownLogicalNames()) + ")");
            }
        }
        System.out.println("bench images: cold builds, one at a time" + (only.isEmpty() ? "" : " (only " + only + ")"));
        ColdBuilds.Measured measured = ColdBuilds.measure(root, only, line -> System.out.println("  " + line));
        double baseline = seconds(measured.baseline().took());
        System.out.printf(Locale.ROOT, "%nbaseline: a one-step build (FROM runtime-common, RUN true) %.1f s%n%n", baseline);
        System.out.println("| image | cold build | × baseline |");
        System.out.println("|---|---:|---:|");
        double total = 0;
        for (ColdBuild image : measured.images()) {
            double took = seconds(image.took());
            total += took;
            System.out.printf(Locale.ROOT, "| %s | %.1f s | %.0f× |%n", image.image(), took, took / baseline);
        }
        System.out.printf(Locale.ROOT, "| all, one after another | %.1f s | %.0f× |%n", total, total / baseline);
        return 0;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
