package io.vpai.harness.target;

import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.inventory.InspectedContainer;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Stack;
import io.vpai.harness.render.CaddyFiles;
import io.vpai.harness.engine.ContainerEvent;
import io.vpai.harness.engine.ContainerState;
import io.vpai.harness.engine.NamespaceProber;
import io.vpai.harness.engine.ShellResult;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where specs observe the stack: an ephemeral stack in local Docker, or a real host over SSH. Specs are
 * written against this interface only, so the same spec runs against either.
 */
public interface Target {
    /** The environment's name, for failure messages and reports. */
    String name();

    Stack model();

    /**
     * The capability to change this target (faults, restarts), or empty where the environment is read-only —
     * always for production, whatever its file says.
     */
    Optional<DestructiveAccess> destructive();

    /** Whether specs that change or destroy state may run here; production answers false. */
    default boolean destructiveAllowed() {
        return destructive().isPresent();
    }

    /** Real component or stand-in; a stand-in is labelled wherever it shows up in a report. */
    Fidelity fidelity(String service);

    /** Every model service and every other service of the project (fixtures), to its container's state. */
    Map<String, ContainerState> states();

    /** Container lifecycle events observed since the stack was started (or since the target connected). */
    List<ContainerEvent> events();

    /** Every container of the stack as {@code docker inspect} describes it: what the live inventory judges. */
    List<InspectedContainer> inspect();

    /**
     * The compose texts the running stack must equal, in the order Compose reads them: the shipped file as
     * rendered from the model (not as found on disk, so a hand edit shows up), then the environment's overrides.
     */
    List<String> expectedCompose();

    /** The Caddyfile the proxy was given (the shipped one) and the file it imports, this environment's. */
    CaddyFiles expectedCaddyFiles();

    /** The compose project's name on the engine: Docker prefixes its networks with it. */
    String project();

    /** A file on the engine's host (the compose files Compose v1 recorded), empty where there is none. */
    Optional<String> readFile(String path);

    /** A prober that joins every source's namespace itself, where the target can offer one (see {@link NamespaceProber}). */
    default Optional<NamespaceProber> namespaceProber() {
        return Optional.empty();
    }

    /** Runs a shell script in a probe sidecar sharing {@code service}'s network namespace. */
    ShellResult probeFrom(String service, String script, Duration timeout);

    /** The fixture networks around the stack, where the environment has them (containers only). */
    Optional<Fixtures> fixtures();

    /** Networks a probe may aim at: those the harness created, or the target host's own stack networks. */
    List<Cidr> probeableNetworks();

    /** The network-safety guard every prober asks before it sends anything (see {@link NetworkGuard}). */
    default NetworkGuard guard() {
        return new NetworkGuard(name(), probeableNetworks(), fixtures().map(f -> new NetworkGuard.Mesh(
                f.tailnet().subnet(), io.vpai.harness.environment.Fixture.meshNodes())));
    }

    /**
     * Something only some targets can do (a backup drill needs the S3 fixture; faults need a writable host), or
     * empty: a spec that needs it aborts naming the target and the capability, so it never passes or skips silently.
     * A target offers what it implements; an implementation may offer more by overriding this.
     */
    default <C> Optional<C> capability(Class<C> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    /** The capability to change this target, or {@link DestructiveRefused} naming the environment and the step. */
    default DestructiveAccess requireDestructive(String what) {
        return destructive().orElseThrow(() -> new DestructiveRefused(name(), what));
    }

    /** Thrown instead of running a destructive step against a read-only environment. */
    final class DestructiveRefused extends RuntimeException {
        public DestructiveRefused(String environment, String what) {
            super("environment '" + environment + "' is read-only: refusing to " + what);
        }
    }
}
