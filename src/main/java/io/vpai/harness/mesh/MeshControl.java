package io.vpai.harness.mesh;

import io.vpai.harness.engine.DockerEngine;
import io.vpai.harness.engine.EngineException;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.environment.Fixture;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.Stack;

import java.time.Duration;
import java.util.function.Consumer;

import static io.vpai.harness.engine.ShellWords.quote;

/**
 * What a destructive spec may do to the mesh, each undone by the next call: switch the VPS node's ingress path,
 * take a node off the tailnet (Headscale deletes it: its key is void, its peers drop it), and join every node
 * again at its architecture address; and restart Headscale. Obtained from {@code DestructiveAccess.mesh()}, never
 * on production.
 */
public final class MeshControl {
    private static final Duration STEP = Duration.ofSeconds(60);
    private final DockerEngine engine;
    private final String project;
    private final Stack model;
    private final Fixtures fixtures;
    private final String probeImage;
    private final Consumer<String> log;

    public MeshControl(DockerEngine engine, String project, Stack model, Fixtures fixtures, String probeImage,
                       Consumer<String> log) {
        this.engine = engine;
        this.project = project;
        this.model = model;
        this.fixtures = fixtures;
        this.probeImage = probeImage;
        this.log = log;
    }

    public void forwardVpnClients(VpsForwarding.Path path) {
        VpsForwarding.of(engine, project, fixtures, model.proxy().service(), probeImage).set(path);
    }

    /** Deletes {@code node}'s registration in Headscale and waits until the node's own daemon says it is off. */
    public void removeFromTailnet(Fixture node) {
        String hostname = MeshJoin.members(model).stream().filter(m -> m.fixture() == node).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(node.service() + " is no mesh node")).node().hostname();
        String headscale = engine.container(project, Fixture.HEADSCALE.service());
        ShellResult deleted = engine.exec(headscale, "set -e\n"
                + "id=$(headscale nodes list -o json | tr -d ' \\t\\n' | grep -o '\"id\":[0-9]*,[^{}]*\"name\":\""
                + hostname + "\"' | head -1 | grep -o '^\"id\":[0-9]*' | cut -d: -f2)\n"
                + "[ -n \"$id\" ] || { echo \"no node " + hostname + "\" >&2; exit 1; }\n"
                + "headscale nodes delete --identifier \"$id\" --force\n", STEP);
        if (!deleted.ok()) {
            throw new EngineException("mesh: Headscale did not delete node " + hostname + ": " + deleted.tail(3));
        }
        log.accept("mesh: node " + hostname + " (" + node.service() + ") deleted from Headscale");
    }

    /**
     * Restarts Headscale (to read a changed configuration) and returns once it answers; the nodes reconnect on their
     * own, and whoever needs their new state waits for it, not for Docker's next health tick.
     */
    public void restartHeadscale() {
        new ControlRestart(engine, project, model, fixtures).restart();
    }

    /** Every node joins again (a deleted one with a fresh key) and gets its architecture address back. */
    public void rejoin() {
        for (MeshJoin.Member member : MeshJoin.members(model)) {
            String container = engine.container(project, member.fixture().service());
            // A node Headscale forgot keeps a dead key: log it out first, so `tailscale up` registers anew.
            engine.exec(container, "tailscale status >/dev/null 2>&1 || tailscale logout >/dev/null 2>&1 || true", STEP);
        }
        new MeshJoin(engine, project, model, log).join(fixtures);
    }

    @Override
    public String toString() {
        return "mesh of project " + quote(project);
    }
}
