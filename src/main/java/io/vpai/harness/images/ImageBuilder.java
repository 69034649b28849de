package io.vpai.harness.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds one offline image with the docker CLI: the base through its debootstrap script, every
 * other image with {@code docker build} on a private copy of its folder plus its extra inputs.
 * The whole output goes to {@code target/offline-images/logs/<name>.log}.
 */
final class ImageBuilder {

    /**
     * The classic builder, on purpose: BuildKit would try to resolve {@code FROM vpai/...} against
     * a registry on engines where it is the default, and Debian's docker.io ships no buildx.
     */
    static final Map<String, String> CLASSIC_BUILDER = Map.of("DOCKER_BUILDKIT", "0");

    private final Path projectRoot;

    ImageBuilder(Path projectRoot) {
        this.projectRoot = projectRoot;
    }

    void build(PlannedImage image) {
        build(image, image.ref(), false);
    }

    /**
     * Builds {@code image} under another tag, every layer built again when {@code noCache}: what a machine without
     * this image pays for it (its parent is taken as built, so each image is charged only its own layers).
     */
    void build(PlannedImage image, String tag, boolean noCache) {
        Path log = projectRoot.resolve("target/offline-images/logs/" + image.spec().logicalName()
                + (noCache ? ".cold" : "") + ".log");
        CommandRunner.Result result = image.spec().isBase() ? buildBase(image, tag, log)
                : buildFromDockerfile(image, tag, noCache, log);
        if (!result.succeeded()) {
            String why = result.timedOut()
                    ? "timed out after " + image.spec().buildTimeout().toSeconds() + " s"
                    : "exit " + result.exitCode();
            throw new ImageBuildException("offline image " + image.spec().logicalName() + " (" + image.ref()
                    + ") failed to build: " + why + "; last output: " + result.tail(5) + " (full log: " + log + ")");
        }
    }

    /** debootstrap has no cache: every base build is cold. */
    private CommandRunner.Result buildBase(PlannedImage image, String tag, Path log) {
        Path script = projectRoot.resolve(image.spec().directory()).resolve("build-base.sh");
        return CommandRunner.run(List.of("bash", script.toString(), tag, image.inputsHash()),
                projectRoot, Map.of(), image.spec().buildTimeout(), log);
    }

    private CommandRunner.Result buildFromDockerfile(PlannedImage image, String tag, boolean noCache, Path log) {
        Path context = buildContext(image.spec());
        try {
            List<String> command = new ArrayList<>(List.of("docker", "build", "--force-rm"));
            if (noCache) {
                command.add("--no-cache");
            }
            command.addAll(List.of("--build-arg", "BASE=" + image.parentRef().orElseThrow(),
                    "--label", OfflineImages.LABEL_IMAGE + "=" + image.spec().logicalName(),
                    "--label", OfflineImages.LABEL_INPUTS + "=" + image.inputsHash(),
                    "--tag", tag,
                    context.toString()));
            return CommandRunner.run(command, projectRoot, CLASSIC_BUILDER, image.spec().buildTimeout(), log);
        } finally {
            deleteTree(context);
        }
    }

    /** A private copy, so the context holds exactly the hashed inputs and nothing is written to src/. */
    private Path buildContext(ImageSpec spec) {
        try {
            Path context = Files.createTempDirectory("vpai-image-" + spec.logicalName() + "-");
            Path folder = projectRoot.resolve(spec.directory());
            for (Path file : InputHasher.filesOf(folder)) {
                Path target = context.resolve(folder.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                if (isScript(target)) {
                    // COPY keeps modes, and a checkout may have lost the executable bit (core.fileMode).
                    target.toFile().setExecutable(true, false);
                }
            }
            for (ExtraInput input : spec.extraInputs()) {
                Path source = input.resolve(projectRoot);
                Path target = context.resolve(input.contextName());
                if (Files.isRegularFile(source)) {
                    Files.copy(source, target);
                } else {
                    Files.createFile(target); // an absent optional input; hashed as "absent"
                }
            }
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the build context of " + spec.logicalName(), e);
        }
    }

    private static boolean isScript(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".sh") || name.endsWith(".py");
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp folder is harmless; the build result matters more.
        }
    }
}
