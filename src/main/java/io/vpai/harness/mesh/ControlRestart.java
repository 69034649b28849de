package io.vpai.harness.mesh;

import io.vpai.harness.engine.DockerEngine;
import io.vpai.harness.engine.EngineException;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.environment.Fixture;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.Stack;
import io.vpai.harness.wait.Poll;

import java.time.Duration;
import java.util.List;

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
        try {
            for (String node : nodes) {
                ShellResult held = engine.exec(node, hold(address), STEP);
                if (!held.ok()) {
                    throw new EngineException("mesh: cannot hold new connections to Headscale in " + node + ": "
                            + held.tail(3));
                }
            }
            engine.require("docker restart " + quote(headscale), "restart Headscale", STEP);
            Poll.of("Headscale answers /health after its restart",
                            () -> engine.exec(headscale, "curl -fsk -o /dev/null https://127.0.0.1:" + PORT + "/health",
                                    Duration.ofSeconds(5)).ok())
                    .until(Boolean::booleanValue, STEP);
        } finally {
            for (String node : nodes) {
                // Deletes every copy, so a hold left by an interrupted run goes too; exit 1 once none is left.
                engine.exec(node, "while " + release(address) + " 2>/dev/null; do :; done", STEP);
            }
        }
        if (!released(nodes, address)) {
            throw new EngineException("mesh: a node still drops new connections to Headscale at " + address);
        }
    }

    private boolean released(List<String> nodes, String address) {
        return nodes.stream().noneMatch(node -> engine.exec(node, check(address), STEP).ok());
    }

    /** The rule: new TCP connections to Headscale's address and port dropped in the node's own output. */
    static String rule(String address) {
        return "OUTPUT -p tcp --syn -d " + address + " --dport " + PORT + " -j DROP";
    }

    static String hold(String address) {
        return "iptables -I " + rule(address);
    }

    static String release(String address) {
        return "iptables -D " + rule(address);
    }

    static String check(String address) {
        return "iptables -C " + rule(address) + " 2>/dev/null";
    }
}
