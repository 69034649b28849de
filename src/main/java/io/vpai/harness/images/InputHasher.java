package io.vpai.harness.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The content hash that names an image: SHA-256 over the files of its folder (sorted by relative
 * path; each path and content), its extra inputs, and its parent's reference. File modes are left
 * out on purpose: checkouts differ in them, and the build context sets them (see ImageBuilder).
 * Chaining the parent's reference means a changed base rebuilds everything built on it.
 */
final class InputHasher {

    private InputHasher() {}

    static String hash(Path projectRoot, ImageSpec spec, Optional<String> parentRef) {
        MessageDigest digest = sha256();
        Path folder = projectRoot.resolve(spec.directory());
        for (Path file : filesOf(folder)) {
            String relative = folder.relativize(file).toString().replace('\\', '/');
            update(digest, "file " + relative + "\n");
            updateWithContent(digest, file);
        }
        for (ExtraInput input : spec.extraInputs()) {
            Path source = input.resolve(projectRoot);
            update(digest, "extra " + input.contextName() + "\n");
            if (Files.isRegularFile(source)) {
                updateWithContent(digest, source);
            } else if (input.required()) {
                throw new ImageBuildException("offline image " + spec.logicalName() + " needs "
                        + input.source() + ", which is missing: " + input.missingHint());
            } else {
                update(digest, "absent\n");
            }
        }
        update(digest, "parent " + parentRef.orElse("none") + "\n");
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Regular files under the folder, sorted; Python's bytecode caches are not inputs. */
    static List<Path> filesOf(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ImageBuildException("offline image folder " + folder + " does not exist");
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().contains("__pycache__"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static void updateWithContent(MessageDigest digest, Path file) {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        update(digest, "\n");
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
