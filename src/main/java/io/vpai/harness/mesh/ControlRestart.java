package io.vpai.harness.mesh;

import io.vpai.harness.engine.DockerEngine;
import io.vpai.harness.engine.EngineException;
import io.vpai.harness.environment.Fixture;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.Stack;
import io.vpai.harness.wait.Poll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.vpai.harness.engine.ShellWords.quote;

/**
 * Restarts the harness's Headscale with the nodes' new control connections held until it listens again.
 * <p>
 * Why: once a node has dialled Headscale recently, tailscale 1.84's control dialer tries port 443 only, and when
 * that attempt is refused it waits out its whole dial deadline instead of trying again
 * ({@code controlhttp.Dialer.dialHost} returns early only when both its port-80 and port-443 attempts failed). A
 * node that redials while Headscale restarts, which it does within milliseconds of losing its connection, was back
 * only 5–10 s later. While held, the SYN of a new connection to Headscale is dropped instead of refused; the node's
 * kernel sends it again a second later, to a Headscale that answers. Established connections are untouched, so
 * every node still sees the restart, as it would in production.
 */
final class ControlRestart {
    private static final Duration STEP = Duration.ofSeconds(60);
    /** Where the fixture's Headscale listens (its override's {@code HEADSCALE_LISTEN_ADDR}). */
    static final int PORT = 443;

    private final DockerEngine engine;
    private final String project;
    private final Stack model;
    private final Fixtures fixtures;

    ControlRestart(DockerEngine engine, String project, Stack model, Fixtures fixtures) {
        this.engine = engine;
        this.project = project;
        this.model = model;
        this.fixtures = fixtures;
    }

    /** Restarts Headscale and returns once it answers its health endpoint, the hold released whatever happens. */
    void restart() {
        String headscale = engine.container(project, Fixture.HEADSCALE.service());
        List<String> nodes = MeshJoin.members(model).stream()
                .map(member -> engine.container(project, member.fixture().service())).toList();
        String address = fixtures.tailnet().underlay().controlServer();
        RuntimeException failure = null;
        try {
            List<String> unheld = onEachNode(nodes, hold(address));
            if (!unheld.isEmpty()) {
                throw new EngineException("mesh: cannot hold new connections to Headscale in " + unheld);
            }
            engine.require("docker restart " + quote(headscale), "restart Headscale", STEP);
            Poll.of("Headscale answers /health after its restart",
                            () -> engine.exec(headscale, "curl -fsk -o /dev/null https://127.0.0.1:" + PORT + "/health",
                                    Duration.ofSeconds(5)).ok())
                    .until(Boolean::booleanValue, STEP);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            // At once on every node: a SYN held since the restart began is sent again 1 s after it, then 3 s after.
            List<String> stillHeld = onEachNode(nodes, release(address));
            if (!stillHeld.isEmpty()) {
                EngineException held = new EngineException("mesh: still dropping new connections to Headscale at "
                        + address + " in " + stillHeld);
                if (failure == null) {
                    throw held;
                }
                failure.addSuppressed(held);
            }
        }
    }

    /** Runs {@code script} in every node at once; the nodes where it failed, each with what it said. */
    private List<String> onEachNode(List<String> nodes, String script) {
        Map<String, String> scripts = new LinkedHashMap<>();
        nodes.forEach(node -> scripts.put(node, script));
        List<String> failed = new ArrayList<>();
        OnEachNode.run(engine, scripts, STEP).forEach((node, result) -> {
            if (!result.ok()) {
                failed.add(node + ": " + result.tail(3));
            }
        });
        return failed;
    }

    /** The rule: new TCP connections to Headscale's address and port dropped in the node's own output. */
    static String rule(String address) {
        return "OUTPUT -p tcp --syn -d " + address + " --dport " + PORT + " -j DROP";
    }

    static String hold(String address) {
        return "iptables -I " + rule(address);
    }

    /** Deletes every copy (one left by an interrupted run too); exits 0 only when none is left. */
    static String release(String address) {
        return "while iptables -D " + rule(address) + " 2>/dev/null; do :; done; ! iptables -C " + rule(address)
                + " 2>/dev/null";
    }
}
