package io.vpai.harness.environment;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each dotted key of a bound environment file was written: the line of the key, of its value, and — for a
 * mapping — the line a missing key inside it is reported at. Checks that run after binding (a subnet that
 * overlaps, an unknown service) name the file, the line and the key through it.
 */
final class KeyLines {
    private final String file;
    private final Map<String, Integer> keys = new HashMap<>();
    private final Map<String, Integer> values = new HashMap<>();
    private final Map<String, Integer> anchors = new HashMap<>();

    KeyLines(String file) {
        this.file = file;
    }

    void record(String path, int keyLine, int valueLine) {
        keys.put(path, keyLine);
        values.put(path, valueLine);
    }

    void anchor(String path, int line) {
        anchors.put(path, line);
    }

    /** Value lines by dotted key: what an {@link SshEnvironment.Source} keeps for errors at resolve time. */
    Map<String, Integer> valueLines() {
        return Map.copyOf(values);
    }

    /** A problem with the value at {@code path}, at the value's line. */
    EnvironmentException valueError(String path, String problem) {
        return EnvironmentException.at(file, values.getOrDefault(path, 0), path, problem);
    }

    /** A problem with the key itself (misplaced, not in the model), at the key's line. */
    EnvironmentException keyError(String path, String problem) {
        return EnvironmentException.at(file, keys.getOrDefault(path, 0), path, problem);
    }

    /** Something the mapping at {@code mapping} lacks, reported under {@code path} at the mapping's anchor line. */
    EnvironmentException lackError(String mapping, String path, String problem) {
        return EnvironmentException.at(file, anchors.getOrDefault(mapping, 0), path, problem);
    }
}
