package io.vpai.harness.ssh;

import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.engine.ShellWords;
import io.vpai.harness.target.DestructiveAccess;

import java.time.Duration;
import java.util.List;

import static io.vpai.harness.engine.ShellWords.quote;

/**
 * What a deploy needs beyond the faults: write files on the host, run compose there, feed a container a seed. It is
 * built only from the target's {@link DestructiveAccess}, which production never hands out, so a deploy to
 * production cannot even be constructed.
 */
public final class HostAccess {
    private final SshTarget target;
    private final DestructiveAccess faults;

    private HostAccess(SshTarget target, DestructiveAccess faults) {
        this.target = target;
        this.faults = faults;
    }

    /** The host behind {@code faults}, which must be an SSH target's. */
    public static HostAccess of(DestructiveAccess faults) {
        if (!(faults.target() instanceof SshTarget)) {
            throw new IllegalArgumentException(faults.target().name() + " is not a host over SSH");
        }
        return new HostAccess((SshTarget) faults.target(), faults);
    }

    public SshTarget target() {
        return target;
    }

    public DestructiveAccess faults() {
        return faults;
    }

    /** Runs {@code command} inside the service's container, {@code stdin} fed to it (seeding a database, say). */
    public ShellResult execIn(String service, List<String> command, String stdin, Duration timeout) {
        return target.shell().run("docker exec -i " + quote(target.container(service)) + " " + ShellWords.join(command),
                stdin, timeout);
    }

    /** Writes a file on the host (mode set before the content lands). */
    void write(String path, byte[] content, int mode) {
        target.shell().write(path, content, mode);
    }

    ShellResult run(String command, Duration timeout, String what) {
        ShellResult result = target.shell().run(command, timeout);
        if (!result.ok()) {
            throw new SshException(target.shell().describe() + ": cannot " + what + " (exit " + result.exitCode() + "): "
                    + result.tail(6));
        }
        return result;
    }
}
