package io.vpai.harness.ssh;

import io.vpai.harness.stack.TestSecrets;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code .env} a deploy writes next to the compose file: this run's random value for every variable the
 * compose files reference. It exists only as bytes on their way to a mode-600 file; {@link #toString()} never shows
 * a value, so it cannot end up in a log by accident.
 */
public final class EnvFile {
    /** Permission bits: readable and writable by the deploying user only. */
    public static final int MODE = 0600;

    private final Map<String, String> values;

    private final String header;

    /** A preprod deploy's: for one run, removed at teardown of the local stand-in. */
    public EnvFile(TestSecrets secrets) {
        this(secrets, "Written by the harness for one run; removed at teardown.");
    }

    /** {@code header}: one comment line saying who wrote the file and how long it lives. */
    public EnvFile(TestSecrets secrets, String header) {
        this.values = new TreeMap<>(secrets.asEnvironment());
        this.header = header;
    }

    public byte[] bytes() {
        StringBuilder text = new StringBuilder("# " + header + "\n");
        values.forEach((name, value) -> {
            if (value.indexOf('\n') >= 0 || value.indexOf('"') >= 0) {
                throw new IllegalArgumentException("value of " + name + " cannot be written to a .env file");
            }
            text.append(name).append('=').append(value).append('\n');
        });
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return ".env with " + values.size() + " variables (" + String.join(", ", values.keySet()) + "; values withheld)";
    }
}
