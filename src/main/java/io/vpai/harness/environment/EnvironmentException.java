package io.vpai.harness.environment;

/**
 * An unusable environment file, in one line: {@code environments/offline.yaml:12: images.redis.build: what is
 * wrong}. The parts stay available so a test can check the location without parsing the message.
 */
public class EnvironmentException extends RuntimeException {
    private final String file;
    private final int line;
    private final String keyPath;
    private final String problem;

    private EnvironmentException(String file, int line, String keyPath, String problem) {
        super(format(file, line, keyPath, problem));
        this.file = file;
        this.line = line;
        this.keyPath = keyPath;
        this.problem = problem;
    }

    /** A problem at a line of a file; {@code keyPath} is the dotted key ({@code fixtures.tailnet.gateway}) or null. */
    public static EnvironmentException at(String file, int line, String keyPath, String problem) {
        return new EnvironmentException(file, line, keyPath, problem);
    }

    /** A problem with a built or resolved environment that has no file position (programmatic construction). */
    public static EnvironmentException of(String keyPath, String problem) {
        return new EnvironmentException(null, 0, keyPath, problem);
    }

    /** Display name of the file, e.g. {@code environments/offline.yaml}; null when there is no file. */
    public String file() {
        return file;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** Dotted key path, or null when the problem is not about one key (a syntax error, an empty file). */
    public String keyPath() {
        return keyPath;
    }

    public String problem() {
        return problem;
    }

    private static String format(String file, int line, String keyPath, String problem) {
        StringBuilder text = new StringBuilder();
        if (file != null) {
            text.append(file);
            if (line > 0) {
                text.append(':').append(line);
            }
            text.append(": ");
        }
        if (keyPath != null && !keyPath.isEmpty()) {
            text.append(keyPath).append(": ");
        }
        text.append(problem);
        return oneLine(text.toString());
    }

    /** Bad input gets one clear line: quoted values from the file must not break it. */
    static String oneLine(String text) {
        return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    /** A value from the file, quoted and shortened for a message. */
    static String quote(String value) {
        String shown = value.length() > 80 ? value.substring(0, 77) + "..." : value;
        return "'" + oneLine(shown) + "'";
    }
}
