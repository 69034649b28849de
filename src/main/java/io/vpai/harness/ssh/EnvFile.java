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
final class EnvFile {
    /** Permission bits: readable and writable by the deploying user only. */
    static final int MODE = 0600;

    private final Map<String, String> values;

    EnvFile(TestSecrets secrets) {
        this.values = new TreeMap<>(secrets.asEnvironment());
    }

    byte[] bytes() {
        StringBuilder text = new StringBuilder("# Written by the harness for one run; removed at teardown.\n");
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
