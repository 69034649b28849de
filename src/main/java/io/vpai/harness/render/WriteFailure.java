package io.vpai.harness.render;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A write under the output root that failed, naming the path that could not be written and the OS's
 * reason — not whichever staging or backup file the failing call happened to mention.
 * {@code restoreProblem} is set only when putting the old tree back failed too.
 */
public final class WriteFailure extends IOException {
    private final String action;
    private final Path path;
    private final String reason;
    private final String restoreProblem;

    WriteFailure(String action, Path path, String reason, String restoreProblem, Throwable cause) {
        super(action + " " + path + ": " + reason + (restoreProblem == null ? "" : "; " + restoreProblem), cause);
        this.action = action;
        this.path = path;
        this.reason = reason;
        this.restoreProblem = restoreProblem;
    }

    static WriteFailure of(String action, Path path, IOException cause) {
        if (cause instanceof WriteFailure already) {
            return already;
        }
        return new WriteFailure(action, path, reason(cause), null, cause);
    }

    WriteFailure withRestoreProblem(String problem) {
        return new WriteFailure(action, path, reason, problem, getCause());
    }

    public Path path() {
        return path;
    }

    public String reason() {
        return reason;
    }

    public Optional<String> restoreProblem() {
        return Optional.ofNullable(restoreProblem);
    }

    /** {@code cannot write compose/x.yml: Not a directory}, the path relative to {@code base} when below it. */
    public String describe(Path base) {
        Path absolute = path.toAbsolutePath().normalize();
        Path from = base.toAbsolutePath().normalize();
        String shown = absolute.startsWith(from) && !absolute.equals(from)
                ? from.relativize(absolute).toString().replace(absolute.getFileSystem().getSeparator(), "/")
                : absolute.toString();
        return action + " " + shown + ": " + reason;
    }

    /** The OS's words when Java kept them, else what the exception type means. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null && !fs.getReason().isBlank()) {
            return fs.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "Directory not empty";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace('\n', ' ');
    }
}
