package io.vpai.harness.ssh;

import io.vpai.harness.environment.SshEndpoint;
import io.vpai.harness.environment.SshEnvironment;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static io.vpai.harness.ssh.ShellWords.quote;

/**
 * The capability to change a host: restart a service, run a command inside a stack container, write files,
 * run compose. Every state-changing step of the SSH target takes one of these, and the only way to get one is
 * {@link SshTarget#destructive()}, which hands it out only when the endpoint allows destructive specs and the
 * environment is not production. So a read-only environment is read-only by construction: there is no
 * object to call a destructive method on, rather than a flag that each spec must remember to check.
 */
public final class DestructiveAccess {
    private final SshTarget target;

    private DestructiveAccess(SshTarget target) {
        this.target = target;
    }

    /** Empty for a read-only endpoint; empty for production even if something upstream set its flag. */
    static Optional<DestructiveAccess> grant(SshEndpoint endpoint, SshTarget target) {
        if (!endpoint.destructiveAllowed() || SshEnvironment.PRODUCTION.equals(endpoint.environment())) {
            return Optional.empty();
        }
        return Optional.of(new DestructiveAccess(target));
    }

    public SshTarget target() {
        return target;
    }

    /** {@code docker restart} of the service's container, then waits until the whole stack is ready again. */
    public void restart(String service, Duration deadline, Consumer<String> log) {
        run("docker restart -t 5 " + quote(target.container(service)), deadline, "restart " + service);
        target.awaitReady(deadline, log);
    }

    public void restart(String service, Duration deadline) {
        restart(service, deadline, line -> { });
    }

    /** Runs {@code command} inside the service's container, {@code stdin} fed to it (seeding a database, say). */
    public RemoteResult execIn(String service, List<String> command, String stdin, Duration timeout) {
        return target.shell().run("docker exec -i " + quote(target.container(service)) + " " + ShellWords.join(command),
                stdin, timeout);
    }

    /** Writes a file on the host (mode set before the content lands). */
    void write(String path, byte[] content, int mode) {
        target.shell().write(path, content, mode);
    }

    RemoteResult run(String command, Duration timeout, String what) {
        RemoteResult result = target.shell().run(command, timeout);
        if (!result.ok()) {
            throw new SshException(target.shell().describe() + ": cannot " + what + " (exit " + result.exitCode() + "): "
                    + result.tail(6));
        }
        return result;
    }
}
