package io.vpai.harness.environment;

/**
 * An unusable environment file, in one line: {@code environments/offline.yaml:12: images.redis.build: what is
 * wrong}. The parts stay available so a test can check the location without parsing the message.
 */
public class EnvironmentException extends RuntimeException {
    /**
     * What the one line is made of.
     *
     * @param file    display name of the file, e.g. {@code environments/offline.yaml}; null when there is no file
     * @param line    1-based line, or 0 when unknown
     * @param keyPath dotted key path, or null when the problem is not about one key (a syntax error, an empty file)
     */
    public record Parts(String file, int line, String keyPath, String problem) {
        String format() {
            StringBuilder text = new StringBuilder();
            if (file != null) {
                text.append(file).append(line > 0 ? ":" + line : "").append(": ");
            }
            if (keyPath != null && !keyPath.isEmpty()) {
                text.append(keyPath).append(": ");
            }
            return oneLine(text.append(problem).toString());
        }
    }

    private final Parts parts;

    private EnvironmentException(Parts parts) {
        super(parts.format());
        this.parts = parts;
    }

    /** A problem at a line of a file; {@code keyPath} is the dotted key ({@code fixtures.tailnet.gateway}) or null. */
    public static EnvironmentException at(String file, int line, String keyPath, String problem) {
        return new EnvironmentException(new Parts(file, line, keyPath, problem));
    }

    /** A problem with a built or resolved environment that has no file position (programmatic construction). */
    public static EnvironmentException of(String keyPath, String problem) {
        return new EnvironmentException(new Parts(null, 0, keyPath, problem));
    }

    /** The file, line, key path and problem the message was made of. */
    public Parts parts() {
        return parts;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return parts.line();
    }

    /** Dotted key path, or null when the problem is not about one key. */
    public String keyPath() {
        return parts.keyPath();
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
