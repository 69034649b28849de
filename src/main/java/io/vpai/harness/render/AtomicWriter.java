package io.vpai.harness.render;

import io.vpai.harness.model.Stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes rendered files under an output root so that no reader ever sees a half-written file:
 * <ol>
 *   <li>everything is rendered in memory first ({@link #render}), so a renderer that throws changes nothing;</li>
 *   <li>the files are written to a staging directory beside the root (same filesystem), with their modes;</li>
 *   <li>each changed file replaces its target with an atomic rename; if a replacement fails, the files
 *       already replaced are put back from copies, so the root is as it was;</li>
 *   <li>files under the root that are no longer rendered are removed, then empty directories.</li>
 * </ol>
 * Unchanged files are left alone (their timestamps too). Only paths below the root are ever touched,
 * and an operator's {@code .env} is never removed.
 */
public final class AtomicWriter {
    public enum Action {
        CREATED("created"), UPDATED("updated"), UNCHANGED("unchanged"), REMOVED("removed");

        private final String label;

        Action(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What happened to one path, relative to the root. */
    public record Change(String path, Action action) {
    }

    private AtomicWriter() {
    }

    /** Renders everything first, then writes: the usual entry point. */
    public static List<Change> render(Path outputRoot, Stack stack, List<Renderer> renderers) throws IOException {
        return write(outputRoot, RenderAll.render(stack, renderers));
    }

    public static List<Change> write(Path outputRoot, List<RenderedFile> files) throws IOException {
        Path root = outputRoot.toAbsolutePath().normalize();
        checkPaths(files);
        Path parent = root.getParent();
        Files.createDirectories(parent);
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(root + " exists and is not a directory");
        }
        Path staging = Files.createTempDirectory(parent, "." + root.getFileName() + ".staging-");
        try {
            for (RenderedFile file : files) {
                Path staged = ManagedTree.resolve(staging, file.path());
                Files.createDirectories(staged.getParent());
                Files.write(staged, file.bytes());
                ManagedTree.setMode(staged, file.executable());
            }
            Files.createDirectories(root);
            List<Change> changes = new ArrayList<>(replace(root, staging, files));
            changes.addAll(removeStale(root, files));
            changes.sort((a, b) -> a.path().compareTo(b.path()));
            return changes;
        } finally {
            ManagedTree.deleteTree(staging);
        }
    }

    private static void checkPaths(List<RenderedFile> files) {
        Set<String> paths = new HashSet<>();
        for (RenderedFile file : files) {
            if (!paths.add(file.path())) {
                throw new IllegalArgumentException(file.path() + " is rendered twice");
            }
        }
        for (String path : paths) {
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                if (paths.contains(path.substring(0, slash))) {
                    throw new IllegalArgumentException(path.substring(0, slash) + " is rendered as a file and as the directory of " + path);
                }
            }
        }
    }

    /** Moves every changed file into place; on failure, restores what was replaced and rethrows. */
    private static List<Change> replace(Path root, Path staging, List<RenderedFile> files) throws IOException {
        Path backups = Files.createDirectory(staging.resolve(".previous"));
        Deque<Runnable> undo = new ArrayDeque<>();
        List<Change> changes = new ArrayList<>();
        try {
            for (RenderedFile file : files) {
                Path target = ManagedTree.resolve(root, file.path());
                boolean exists = Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS);
                if (exists && Arrays.equals(Files.readAllBytes(target), file.bytes())
                        && ManagedTree.isExecutable(target) == (file.executable() && ManagedTree.posix())) {
                    changes.add(new Change(file.path(), Action.UNCHANGED));
                    continue;
                }
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !exists) {
                    // A directory or link where a file now belongs: it is stale output, below the root.
                    ManagedTree.deleteTree(target);
                }
                clearFileAncestors(root, target);
                Files.createDirectories(target.getParent());
                if (exists) {
                    Path saved = ManagedTree.resolve(backups, file.path());
                    Files.createDirectories(saved.getParent());
                    Files.copy(target, saved, StandardCopyOption.COPY_ATTRIBUTES);
                    undo.push(() -> restore(saved, target));
                } else {
                    undo.push(() -> deleteQuietly(target));
                }
                Files.move(ManagedTree.resolve(staging, file.path()), target,
                        StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                changes.add(new Change(file.path(), exists ? Action.UPDATED : Action.CREATED));
            }
            return changes;
        } catch (IOException | RuntimeException e) {
            undo.forEach(Runnable::run);
            throw e;
        }
    }

    /** A stale file standing where a directory is now needed goes (only below the root). */
    private static void clearFileAncestors(Path root, Path target) throws IOException {
        for (Path dir = target.getParent(); dir != null && dir.startsWith(root) && !dir.equals(root); dir = dir.getParent()) {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(dir);
            }
        }
    }

    private static List<Change> removeStale(Path root, List<RenderedFile> files) throws IOException {
        Set<String> rendered = new HashSet<>();
        files.forEach(f -> rendered.add(f.path()));
        List<Change> changes = new ArrayList<>();
        for (String path : ManagedTree.files(root)) {
            if (!rendered.contains(path)) {
                Files.delete(ManagedTree.resolve(root, path));
                changes.add(new Change(path, Action.REMOVED));
            }
        }
        removeEmptyDirectories(root, root);
        return changes;
    }

    private static boolean removeEmptyDirectories(Path root, Path dir) throws IOException {
        List<Path> children;
        try (var list = Files.list(dir)) {
            children = list.toList();
        }
        boolean empty = true;
        for (Path child : children) {
            if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                empty &= removeEmptyDirectories(root, child);
            } else {
                empty = false;
            }
        }
        if (empty && !dir.equals(root)) {
            Files.delete(dir);
            return true;
        }
        return empty;
    }

    private static void restore(Path saved, Path target) {
        try {
            Files.move(saved, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not restore " + target + " after a failed write", e);
        }
    }

    private static void deleteQuietly(Path target) {
        try {
            Files.deleteIfExists(target);
        } catch (IOException ignored) {
            // The write already failed; that error is the one reported.
        }
    }
}
