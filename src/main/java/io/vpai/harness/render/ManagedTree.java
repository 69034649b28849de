package io.vpai.harness.render;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The output root as the renderers own it: every file below it is generated, except an operator's
 * {@code .env} (secrets beside a compose file, ignored by git), which is neither reported nor removed.
 */
final class ManagedTree {
    static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    static final Set<PosixFilePermission> REGULAR = PosixFilePermissions.fromString("rw-r--r--");

    private ManagedTree() {
    }

    static boolean isOperatorFile(String relativePath) {
        String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
        return name.equals(".env");
    }

    /** Files and links under root (links are not followed), as sorted forward-slash relative paths. */
    static List<String> files(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    String relative = relative(root, path);
                    if (!isOperatorFile(relative)) {
                        out.add(relative);
                    }
                }
            }
        }
        out.sort(null);
        return out;
    }

    static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    /** The target of a rendered path, refusing anything that would land outside the root. */
    static Path resolve(Path root, String relativePath) {
        Path target = root.resolve(relativePath.replace("/", root.getFileSystem().getSeparator())).normalize();
        if (!target.startsWith(root)) {
            throw new IllegalArgumentException(relativePath + " resolves outside " + root);
        }
        return target;
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    static boolean isExecutable(Path file) throws IOException {
        return posix() && Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
    }

    static void setMode(Path file, boolean executable) throws IOException {
        if (posix()) {
            Files.setPosixFilePermissions(file, executable ? EXECUTABLE : REGULAR);
        }
    }

    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            List<Path> all = walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
