package io.vpai.harness.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpai.harness.backup.restickey.ResticKeyFile;
import io.vpai.harness.stack.StackException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The retention replay's own key to its repository. Every {@code restic backup} of the replay opens the
 * repository, and opening costs the scrypt derivation restic calibrated when it created its key: about
 * 0.4 s of CPU (N = 2^15, r = 8, p = 3 here), nearly all of a replayed backup's cost, 127 times over. This
 * key holds the same master key under the same password with N = 2^10 and p = 1, and the replay names it in
 * {@code RESTIC_KEY_HINT}. restic falls back to its other keys when a hinted one does not open, silently, so
 * the key restic actually opened with is checked before the replay starts.
 */
final class ReplayKey {
    static final ResticKeyFile.Kdf CHEAP = new ResticKeyFile.Kdf(1024, 8, 1);
    private static final String IN_RUNNER = "/tmp/vpai-replay-key";
    private static final Duration RESTIC = Duration.ofMinutes(2);

    private ReplayKey() {
    }

    /** Adds the key to {@code repository} (the root of {@code bucket}); returns its name, for RESTIC_KEY_HINT. */
    static String add(BackupDrill drill, String bucket, String repository) {
        Map<String, String> env = new LinkedHashMap<>(drill.settings().resticEnvironment(repository, RetentionDrill.SOURCE));
        String master = drill.runner().require("reading the master key of " + repository, "restic cat masterkey", env,
                RESTIC);
        ResticKeyFile key = ResticKeyFile.seal(master, env.get("RESTIC_PASSWORD"), CHEAP, Instant.now());
        upload(drill, bucket, key);
        env.put("RESTIC_KEY_HINT", key.name());
        String current = currentKey(drill.runner().require("listing the keys of " + repository,
                "restic key list --json", env, RESTIC));
        if (current.isEmpty() || !key.name().startsWith(current)) {
            throw new StackException("restic did not open " + repository + " with the replay's key " + key.name()
                    + " (it opened with '" + current + "'): the replay would pay restic's calibrated key derivation");
        }
        return key.name();
    }

    private static void upload(BackupDrill drill, String bucket, ResticKeyFile key) {
        Path local = null;
        try {
            local = Files.createTempFile("vpai-replay-key", ".json");
            Files.write(local, key.content());
            drill.runner().copyIn(local, IN_RUNNER);
            new S3Objects(drill).put(bucket, "keys/" + key.name(), IN_RUNNER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            drill.runner().run("rm -f " + IN_RUNNER, Map.of(), Duration.ofSeconds(30));
            if (local != null) {
                local.toFile().delete();
            }
        }
    }

    /** The id restic marks current in {@code restic key list --json}: the short id of the key it opened with. */
    static String currentKey(String json) {
        try {
            for (JsonNode key : new ObjectMapper().readTree(json)) {
                if (key.path("current").asBoolean(false)) {
                    return key.path("id").asText("");
                }
            }
            return "";
        } catch (IOException e) {
            throw new StackException("restic key list --json printed no JSON: " + json.strip());
        }
    }
}
