package io.vpai.harness.backup;

import io.vpai.harness.engine.ShellResult;

import io.vpai.harness.environment.Fixture;
import io.vpai.harness.stack.RunningStack;

import java.time.Duration;
import java.util.Map;

/**
 * What the drill's failure paths break on purpose, and repair: a store stopped under pre-backup.sh, and
 * a pack of the restic repository overwritten as bit rot would.
 */
public final class Faults {
    private static final Duration READY = Duration.ofMinutes(4);

    private final BackupDrill drill;

    public Faults(BackupDrill drill) {
        this.drill = drill;
    }

    /** Stops a store's container; its probe sidecar shared that namespace, so it is forgotten too. */
    public void stop(String service) {
        RunningStack stack = drill.stack();
        HostDocker.require("stop " + service, "stop", "-t", "10", stack.container(service));
        stack.forgetSidecar(service);
    }

    /** Starts a stopped store again and waits until the whole stack is ready. */
    public void start(String service) {
        RunningStack stack = drill.stack();
        HostDocker.require("start " + service, "start", stack.container(service));
        stack.awaitReady(READY);
    }

    /** Runs the shipped pre-backup.sh with {@code breakIt} in force; {@code repair} runs whatever the script did. */
    public ShellResult runPreBackupBroken(Runnable breakIt, Runnable repair, Map<String, String> overrides) {
        breakIt.run();
        try {
            return drill.runPreBackup(overrides);
        } finally {
            repair.run();
        }
    }

    /**
     * S3Proxy's filesystem backend keeps each object as a file: overwrites the largest pack of {@code bucket}
     * (the dumps' data) with random bytes of the same size. On success the output names the pack.
     */
    public ShellResult corruptLargestPack(String bucket) {
        return drill.stack().exec(Fixture.S3.service(),
                "set -euo pipefail; f=$(find /data/" + bucket + "/data -type f -printf '%s %p\\n' | sort -n"
                        + " | tail -1 | cut -d' ' -f2); [ -n \"$f\" ]; s=$(stat -c %s \"$f\");"
                        + " head -c \"$s\" /dev/urandom > \"$f.tmp\" && mv \"$f.tmp\" \"$f\"; echo \"${f#/data/}\"",
                Duration.ofMinutes(1));
    }
}
