package io.vpai.harness.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Every change {@link AtomicWriter} makes under the output root, each with its undo, so a failure at
 * any step puts the tree back byte for byte. Nothing is deleted before the end: a replaced file is
 * copied aside first (with its attributes), and a stale file or directory is moved aside (a rename,
 * on the same filesystem), so undoing is renames again.
 */
final class WriteJournal {
    /** Moves a staged file into place; a test swaps it for one that fails on the Nth file. */
    interface Mover {
        void move(Path source, Path target) throws IOException;
    }

    static final Mover ATOMIC = (source, target) ->
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    private interface Undo {
        void run() throws IOException;
    }

    private record Step(String what, Undo undo) {
    }

    private final Path aside;
    private final Mover mover;
    private final Deque<Step> steps = new ArrayDeque<>();
    private int saved;

    WriteJournal(Path aside, Mover mover) {
        this.aside = aside;
        this.mover = mover;
    }

    /** Creates the missing directories down to {@code dir}, one at a time, each named if it fails. */
    void createDirectories(Path root, Path dir) throws WriteFailure {
        List<Path> missing = new ArrayList<>();
        for (Path d = dir; d != null && d.startsWith(root) && !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS); d = d.getParent()) {
            missing.add(0, d);
        }
        for (Path d : missing) {
            try {
                Files.createDirectory(d);
            } catch (IOException e) {
                throw WriteFailure.of("cannot create directory", d, e);
            }
            steps.push(new Step("remove directory " + d, () -> Files.deleteIfExists(d)));
        }
    }

    /** Moves a file, link or whole directory out of the way; undo moves it back. */
    void setAside(Path path) throws WriteFailure {
        Path slot = aside.resolve(String.valueOf(saved++));
        try {
            Files.move(path, slot, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw WriteFailure.of("cannot remove", path, e);
        }
        steps.push(new Step("put back " + path, () -> Files.move(slot, path, StandardCopyOption.ATOMIC_MOVE)));
    }

    /** Puts a staged file at {@code target}, atomically; an existing file is copied aside first. */
    void place(Path staged, Path target, boolean exists) throws WriteFailure {
        if (exists) {
            Path slot = aside.resolve(String.valueOf(saved++));
            try {
                Files.copy(target, slot, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw WriteFailure.of("cannot save the previous", target, e);
            }
            steps.push(new Step("restore " + target, () -> Files.move(slot, target,
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING)));
        } else {
            steps.push(new Step("remove " + target, () -> Files.deleteIfExists(target)));
        }
        try {
            mover.move(staged, target);
        } catch (IOException e) {
            throw WriteFailure.of("cannot write", target, e);
        }
    }

    /** Removes an empty directory; undo recreates it. */
    void removeEmptyDirectory(Path dir) throws WriteFailure {
        try {
            Files.delete(dir);
        } catch (IOException e) {
            throw WriteFailure.of("cannot remove directory", dir, e);
        }
        steps.push(new Step("recreate directory " + dir, () -> Files.createDirectory(dir)));
    }

    /** Undoes every step, newest first, carrying on past a failing one; returns what could not be undone. */
    List<String> rollback() {
        List<String> failed = new ArrayList<>();
        while (!steps.isEmpty()) {
            Step step = steps.pop();
            try {
                step.undo().run();
            } catch (IOException | RuntimeException e) {
                failed.add(step.what() + " (" + (e instanceof IOException io ? WriteFailure.reason(io) : e) + ")");
            }
        }
        return failed;
    }
}
