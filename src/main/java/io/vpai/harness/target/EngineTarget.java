package io.vpai.harness.target;

import io.vpai.harness.engine.ContainerState;
import io.vpai.harness.engine.DockerEngine;
import io.vpai.harness.engine.EngineException;
import io.vpai.harness.engine.NamespaceProber;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.engine.Sidecars;
import io.vpai.harness.inventory.InspectedContainer;
import io.vpai.harness.model.Stack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static io.vpai.harness.engine.ShellWords.quote;

/**
 * What every target does the same way, whichever engine it reaches and however: read containers, states and files,
 * probe from a service's namespace, wait until ready, and — through {@link DestructiveAccess} — change things. The
 * two targets differ only in what is said in their constructors (the shell, the project, the probe image) and in
 * what they know about their environment (fixtures, fidelity, what they were given to run).
 */
public abstract class EngineTarget implements Target {
    protected final DockerEngine engine;
    protected final Stack model;
    private final String project;
    private final String probeImage;
    private final Sidecars sidecars;
    private final Consumer<String> log;

    protected EngineTarget(DockerEngine engine, Stack model, String project, String probeImage, String sidecarPrefix,
                           Map<String, String> sidecarLabels, Consumer<String> log) {
        this.engine = engine;
        this.model = model;
        this.project = project;
        this.probeImage = probeImage;
        this.log = log;
        this.sidecars = new Sidecars(engine, project, probeImage, sidecarPrefix, sidecarLabels, this::container,
                this::containersChanged);
    }

    @Override
    public final Stack model() {
        return model;
    }

    @Override
    public final String project() {
        return project;
    }

    public final DockerEngine engine() {
        return engine;
    }

    /** Every model service (absent if it has no container) and every other service of the project, to its state. */
    @Override
    public Map<String, ContainerState> states() {
        return engine.states(model, project);
    }

    @Override
    public List<InspectedContainer> inspect() {
        return engine.containers(project);
    }

    /** The container of {@code service} in the project: the running one, else a stopped one. */
    public String container(String service) {
        return engine.container(project, service);
    }

    @Override
    public ShellResult probeFrom(String service, String script, Duration timeout) {
        return sidecars.run(service, script, timeout);
    }

    @Override
    public Optional<NamespaceProber> namespaceProber() {
        return Optional.of(sidecars.acrossNamespaces());
    }

    /** A text file on the engine's host; empty when it does not exist. Read-only. */
    @Override
    public Optional<String> readFile(String path) {
        ShellResult result = engine.shell().run("if [ -f " + quote(path) + " ]; then cat " + quote(path)
                + "; else exit 3; fi", Duration.ofSeconds(30));
        if (result.exitCode() == 3) {
            return Optional.empty();
        }
        if (!result.ok()) {
            throw new EngineException(engine.shell().describe() + ": cannot read " + path + " (exit "
                    + result.exitCode() + "): " + result.tail(3));
        }
        return Optional.of(result.stdout());
    }

    /**
     * Waits until every service is ready (healthy, or running where it has no health check); fails naming each
     * waiting service, its state, the project and where it runs.
     */
    public void awaitReady(Duration deadline) {
        engine.awaitReady(model, project, deadline, log);
    }

    /** The probe sidecars' image (Debian with curl, dig, nc and ip): present on the engine's host. */
    public final String probeImage() {
        return probeImage;
    }

    /** Whether this environment lets specs change it; production never does, whatever its file says. */
    protected abstract boolean writable();

    @Override
    public final Optional<DestructiveAccess> destructive() {
        return writable() ? Optional.of(new DestructiveAccess(this)) : Optional.empty();
    }

    /** A restarted or recreated container has a new namespace: its sidecar must go. */
    public final void namespaceChanged(String service) {
        sidecars.forget(service);
        containersChanged();
    }

    /** Called when containers may have been replaced; a target that remembers container ids forgets them here. */
    protected void containersChanged() {
    }

    /** Removes the probe containers; the stack itself is left as it was. */
    protected void closeSidecars() {
        sidecars.close();
    }
}
