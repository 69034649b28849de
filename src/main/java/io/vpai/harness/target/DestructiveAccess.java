package io.vpai.harness.target;

import io.vpai.harness.engine.EngineException;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.mesh.MeshControl;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.vpai.harness.engine.ShellWords.quote;

/**
 * The capability to change a target: the faults the destructive specs inject, and the undoing of them. The only
 * way to get one is {@link Target#destructive()}, which is empty for a read-only environment and always for
 * production: there is no object to call these methods on, rather than a flag each spec must remember to check.
 * Every method works on either target, because it goes through the target's engine.
 */
public final class DestructiveAccess {
    private static final Duration COMMAND = Duration.ofSeconds(60);
    private final EngineTarget target;

    DestructiveAccess(EngineTarget target) {
        this.target = target;
    }

    public Target target() {
        return target;
    }

    /** The harness's Headscale mesh of this target: switch ingress paths, remove and rejoin nodes. */
    public MeshControl mesh() {
        Fixtures fixtures = target.fixtures().orElseThrow(() -> new EngineException("environment '" + target.name()
                + "' runs no mesh"));
        return new MeshControl(target.engine(), target.project(), target.model(), fixtures, target.probeImage(),
                line -> System.out.println("[mesh] " + line));
    }

    /** {@code docker network connect}: attaches a service to one of the stack's networks (the model's name). */
    public void connect(String service, String network) {
        network("connect", service, network);
    }

    /** {@code docker network disconnect}: the undoing of {@link #connect}, or a fault of its own. */
    public void disconnect(String service, String network) {
        network("disconnect", service, network);
    }

    private void network(String verb, String service, String network) {
        target.engine().require("docker network " + verb + " " + quote(target.project() + "_" + network) + " "
                + quote(target.container(service)), verb + " " + service + " and network " + network);
    }

    /** {@code docker restart}, then waits until every service is ready again. */
    public void restart(String service, Duration deadline) {
        target.engine().require("docker restart -t 5 " + quote(target.container(service)), "restart " + service, deadline);
        target.namespaceChanged(service);
        target.awaitReady(deadline);
    }

    /** Until every service of the target is ready (Docker's health status where it has a check). */
    public void awaitReady(Duration deadline) {
        target.awaitReady(deadline);
    }

    /** Runs a script inside the service's own container (a reload, a seed): the image must have bash. */
    public ShellResult exec(String service, String script, Duration timeout) {
        return target.engine().exec(target.container(service), script, timeout);
    }

    /** Runs a script inside the service's container and fails naming {@code what} unless it exits 0. */
    public ShellResult require(String service, String script, String what) {
        ShellResult result = exec(service, script, COMMAND);
        if (!result.ok()) {
            throw new EngineException(target.engine().shell().describe() + ": cannot " + what + " in " + service
                    + " (exit " + result.exitCode() + "): " + result.tail(3));
        }
        return result;
    }

    /**
     * Replaces the host file bind-mounted at {@code destination} in {@code service} (a Caddyfile, a resolver's
     * records) and returns what it held, so the caller can put it back. The service is not told: reload or restart it.
     */
    public String replaceMountedFile(String service, String destination, String content) {
        String source = mountSource(service, destination);
        String previous = readMountedFile(service, destination);
        // In place, with the mode it had: the bind mount follows the file's inode, and nothing else changes.
        int mode = Integer.parseInt(target.engine().require("stat -c %a " + quote(source), "read the mode of " + source)
                .stdout().strip(), 8);
        target.engine().shell().write(source, content.getBytes(StandardCharsets.UTF_8), mode);
        return previous;
    }

    /** What the host file bind-mounted at {@code destination} in {@code service} holds now. */
    public String readMountedFile(String service, String destination) {
        String source = mountSource(service, destination);
        return target.readFile(source).orElseThrow(() -> new EngineException(
                "the file mounted at " + destination + " in " + service + " (" + source + ") is not a regular file"));
    }

    private String mountSource(String service, String destination) {
        return target.engine().mountSource(target.container(service), destination)
                .orElseThrow(() -> new EngineException(service + " has nothing mounted at " + destination + " on "
                        + target.engine().shell().describe()));
    }
}
