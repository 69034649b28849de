package io.vpai.harness.backup;

import io.vpai.harness.engine.ShellResult;

import io.vpai.harness.environment.Fixture;
import io.vpai.harness.stack.RunningStack;

import java.time.Duration;
import java.util.List;

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

    /**
     * Starts a stopped store again and waits until it answers its own health check: the next failure case needs
     * the store, not Docker's status or the applications, so the whole stack is awaited once, after the last
     * repair ({@link #awaitStackReady}).
     */
    public void start(String service) {
        RunningStack stack = drill.stack();
        HostDocker.require("start " + service, "start", stack.container(service));
        StoreReadiness.await(stack, List.of(service), READY);
    }

    /** Waits until every service of the stack is ready again, the specs after the drill's included. */
    public void awaitStackReady() {
        drill.stack().awaitReady(READY);
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
