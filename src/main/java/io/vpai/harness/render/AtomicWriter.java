package io.vpai.harness.render;

import io.vpai.harness.model.Stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes rendered files under an output root all or nothing, and so that no reader ever sees a
 * half-written file:
 * <ol>
 *   <li>everything is rendered in memory first ({@link #render}), so a renderer that throws changes nothing;</li>
 *   <li>the files are written to a staging directory beside the root (same filesystem), with their modes;</li>
 *   <li>each changed file replaces its target with an atomic rename, stale files and directories are
 *       moved aside, every step journaled ({@link WriteJournal});</li>
 *   <li>if any step fails, the journal is undone — the root is byte for byte as it was — and the
 *       {@link WriteFailure} names the path that could not be written and the OS's reason.</li>
 * </ol>
 * The staging directory (with what was set aside) is removed in every case. Unchanged files are left
 * alone (their timestamps too). Only paths below the root are ever touched, and an operator's
 * {@code .env} is never removed.
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
        return write(outputRoot, files, WriteJournal.ATOMIC);
    }

    static List<Change> write(Path outputRoot, List<RenderedFile> files, WriteJournal.Mover mover) throws IOException {
        Path root = outputRoot.toAbsolutePath().normalize();
        checkPaths(files);
        Path parent = root.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw WriteFailure.of("cannot create directory", parent, e);
        }
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new WriteFailure("cannot write", root, "exists and is not a directory", null, null);
        }
        Path staging;
        try {
            staging = Files.createTempDirectory(parent, "." + root.getFileName() + ".staging-");
        } catch (IOException e) {
            throw WriteFailure.of("cannot create a staging directory in", parent, e);
        }
        try {
            Path fresh = stage(staging, files);
            WriteJournal journal = new WriteJournal(Files.createDirectory(staging.resolve("aside")), mover);
            try {
                journal.createDirectories(parent, root);
                List<Change> changes = new ArrayList<>(replace(root, fresh, files, journal));
                changes.addAll(removeStale(root, files, journal));
                changes.sort((a, b) -> a.path().compareTo(b.path()));
                return changes;
            } catch (IOException | RuntimeException e) {
                List<String> unrestored = journal.rollback();
                WriteFailure failure = e instanceof WriteFailure w ? w
                        : e instanceof IOException io ? WriteFailure.of("cannot write", root, io)
                        : new WriteFailure("cannot write", root, String.valueOf(e.getMessage()), null, e);
                if (!unrestored.isEmpty()) {
                    throw failure.withRestoreProblem(root.getFileName() + "/ could not be fully restored: "
                            + String.join(", ", unrestored));
                }
                throw failure;
            }
        } finally {
            try {
                ManagedTree.deleteTree(staging);
            } catch (IOException ignored) {
                // Beside the root and git-ignored; the write's own result is the one reported.
            }
        }
    }

    /** Every file written below {@code staging/new}, with its mode; the root is not touched yet. */
    private static Path stage(Path staging, List<RenderedFile> files) throws IOException {
        Path fresh = Files.createDirectory(staging.resolve("new"));
        for (RenderedFile file : files) {
            Path staged = ManagedTree.resolve(fresh, file.path());
            try {
                Files.createDirectories(staged.getParent());
                Files.write(staged, file.bytes());
                ManagedTree.setMode(staged, file.executable());
            } catch (IOException e) {
                throw WriteFailure.of("cannot write", staged, e);
            }
        }
        return fresh;
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

    /** Moves every changed file into place, clearing stale output where a file or directory now belongs. */
    private static List<Change> replace(Path root, Path fresh, List<RenderedFile> files, WriteJournal journal)
            throws IOException {
        List<Change> changes = new ArrayList<>();
        for (RenderedFile file : files) {
            Path target = ManagedTree.resolve(root, file.path());
            boolean exists = Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS);
            if (exists && Arrays.equals(read(target), file.bytes())
                    && ManagedTree.isExecutable(target) == (file.executable() && ManagedTree.posix())) {
                changes.add(new Change(file.path(), Action.UNCHANGED));
                continue;
            }
            clearFileAncestors(root, target, journal);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !exists) {
                // A directory or link where a file now belongs: stale output, below the root.
                requireNoOperatorFile(root, target);
                journal.setAside(target);
            }
            journal.createDirectories(root, target.getParent());
            journal.place(ManagedTree.resolve(fresh, file.path()), target, exists);
            changes.add(new Change(file.path(), exists ? Action.UPDATED : Action.CREATED));
        }
        return changes;
    }

    private static byte[] read(Path file) throws WriteFailure {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw WriteFailure.of("cannot read", file, e);
        }
    }

    /** A stale file standing where a directory is now needed is set aside (only below the root). */
    private static void clearFileAncestors(Path root, Path target, WriteJournal journal) throws WriteFailure {
        List<Path> ancestors = new ArrayList<>();
        for (Path dir = target.getParent(); dir != null && dir.startsWith(root) && !dir.equals(root); dir = dir.getParent()) {
            ancestors.add(0, dir);
        }
        for (Path dir : ancestors) {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                journal.setAside(dir);
            }
        }
    }

    /** An operator's .env is never removed, not even inside a directory that a rendered file replaces. */
    private static void requireNoOperatorFile(Path root, Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            var operatorFile = walk.filter(p -> ManagedTree.isOperatorFile(ManagedTree.relative(root, p))).findFirst();
            if (operatorFile.isPresent()) {
                throw new WriteFailure("cannot replace directory", dir, "it holds an operator's "
                        + operatorFile.get().getFileName() + " (move it, then render again)", null, null);
            }
        }
    }

    private static List<Change> removeStale(Path root, List<RenderedFile> files, WriteJournal journal) throws IOException {
        Set<String> rendered = new HashSet<>();
        files.forEach(f -> rendered.add(f.path()));
        List<Change> changes = new ArrayList<>();
        for (String path : ManagedTree.files(root)) {
            if (!rendered.contains(path)) {
                journal.setAside(ManagedTree.resolve(root, path));
                changes.add(new Change(path, Action.REMOVED));
            }
        }
        removeEmptyDirectories(root, root, journal);
        return changes;
    }

    private static boolean removeEmptyDirectories(Path root, Path dir, WriteJournal journal) throws IOException {
        List<Path> children;
        try (var list = Files.list(dir)) {
            children = list.toList();
        }
        boolean empty = true;
        for (Path child : children) {
            if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                empty &= removeEmptyDirectories(root, child, journal);
            } else {
                empty = false;
            }
        }
        if (empty && !dir.equals(root)) {
            journal.removeEmptyDirectory(dir);
            return true;
        }
        return empty;
    }
}
