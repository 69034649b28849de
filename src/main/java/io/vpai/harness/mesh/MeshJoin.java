package io.vpai.harness.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpai.harness.engine.ContainerState;
import io.vpai.harness.engine.DockerEngine;
import io.vpai.harness.engine.EngineException;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.environment.Fixture;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.environment.TailnetFixture;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Tailnet;
import io.vpai.harness.wait.Poll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static io.vpai.harness.engine.ShellWords.quote;

/**
 * Joins the mesh's nodes to the harness's Headscale and gives each the tailnet address the architecture fixes.
 * Headscale hands out addresses in join order (100.64.0.1, .2, .3); the nodes join, the addresses are written as
 * pins Headscale's fixture entrypoint applies to its database while Headscale is stopped, and Headscale restarts
 * ({@link ControlRestart}): the nodes keep their keys and receive their new addresses in the next map. The join is
 * done once every node reaches every other through its tunnel. The pre-auth key lives only in Headscale and for a
 * moment in a mode-600 file inside each node; it is never logged.
 */
public final class MeshJoin {
    static final String USER = "vpai";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final Duration ADDRESSES = Duration.ofSeconds(90);

    /** A node of the environment: its fixture, the model's node, whether it takes MagicDNS as its resolver. */
    record Member(Fixture fixture, Tailnet.Node node, boolean acceptDns) {
    }

    private final DockerEngine engine;
    private final String project;
    private final Stack model;
    private final Consumer<String> log;

    public MeshJoin(DockerEngine engine, String project, Stack model, Consumer<String> log) {
        this.engine = engine;
        this.project = project;
        this.model = model;
        this.log = log;
    }

    static List<Member> members(Stack model) {
        Tailnet tailnet = model.tailnet();
        return List.of(
                new Member(Fixture.WORKSTATION_NODE, tailnet.requireNode(TailnetFixture.WORKSTATION_NODE), false),
                new Member(Fixture.VPN_CLIENT, tailnet.requireNode(TailnetFixture.VPN_CLIENT_NODE), true),
                new Member(Fixture.VPS_NODE, tailnet.requireNode(TailnetFixture.VPS_NODE), false));
    }

    /**
     * Waits until Headscale and every node are healthy, then {@link #join}s: for a bring-up that joins while
     * Compose still starts the applications (the mesh's fixtures depend on nothing, and nothing Compose starts
     * depends on them). Gives up at once when {@code abandoned} says the bring-up failed.
     */
    public void joinOnceReady(Fixtures fixtures, Duration deadline, BooleanSupplier abandoned) {
        List<String> services = new ArrayList<>(List.of(Fixture.HEADSCALE.service()));
        members(model).forEach(member -> services.add(member.fixture().service()));
        Poll.of("Headscale and the mesh's nodes healthy", () -> engine.states(model, project))
                .every(Duration.ofMillis(500))
                .describedAs(states -> services.stream().map(s -> s + " (" + states.get(s) + ")")
                        .collect(Collectors.joining(", ")))
                .failFastWhen(states -> abandoned.getAsBoolean())
                .until(states -> services.stream().allMatch(s -> states.get(s) == ContainerState.HEALTHY), deadline);
        join(fixtures);
    }

    /** Joins every node, pins the addresses, sets the VPS node's forwarding to the published ports. */
    public void join(Fixtures fixtures) {
        long start = System.nanoTime();
        String headscale = engine.container(project, Fixture.HEADSCALE.service());
        String key = preAuthKey(headscale);
        for (Member member : members(model)) {
            up(member, key);
        }
        long joined = System.nanoTime();
        pinAddresses(headscale, fixtures);
        long restarted = System.nanoTime();
        awaitAddresses();
        long addressed = System.nanoTime();
        awaitTunnels();
        long tunnelled = System.nanoTime();
        VpsForwarding.of(engine, project, fixtures).set(VpsForwarding.Path.PUBLISHED_PORT);
        log.accept(String.format("mesh: %d nodes joined Headscale at their tailnet addresses in %d ms (joined %d, "
                        + "Headscale restarted %d, addresses %d, tunnels %d)", members(model).size(),
                millis(start, System.nanoTime()), millis(start, joined), millis(joined, restarted),
                millis(restarted, addressed), millis(addressed, tunnelled)));
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private String preAuthKey(String headscale) {
        long user = userId(headscale).orElseGet(() -> {
            command(headscale, "headscale users create " + USER, "create the user " + USER);
            return userId(headscale).orElseThrow(() -> new EngineException("mesh: Headscale lists no user " + USER
                    + " after creating it"));
        });
        JsonNode created = json(command(headscale, "headscale preauthkeys create --user " + user
                + " --reusable --expiration 1h -o json", "make a pre-auth key"));
        String key = created.path("key").asText("");
        if (key.isEmpty()) {
            throw new EngineException("mesh: Headscale's answer to preauthkeys create holds no key");
        }
        return key;
    }

    private java.util.Optional<Long> userId(String headscale) {
        for (JsonNode user : json(command(headscale, "headscale users list -o json", "list the users"))) {
            if (USER.equals(user.path("name").asText())) {
                return java.util.Optional.of(user.path("id").asLong());
            }
        }
        return java.util.Optional.empty();
    }

    private String command(String container, String script, String what) {
        ShellResult result = engine.exec(container, script, STEP);
        if (!result.ok()) {
            throw new EngineException("mesh: Headscale could not " + what + ": " + result.tail(3));
        }
        return result.stdout();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            // Never the text itself: a pre-auth key may be in it.
            throw new EngineException("mesh: Headscale's JSON answer is unreadable (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void up(Member member, String key) {
        String container = engine.container(project, member.fixture().service());
        // The key goes in on stdin (bash -s), into a file only root reads, gone once tailscale has read it.
        String script = "set -e\numask 077\ncat > /run/vpai-auth-key <<'KEY'\n" + key + "\nKEY\n"
                + "trap 'rm -f /run/vpai-auth-key' EXIT\n"
                + "tailscale up " + String.join(" ", List.of(
                "--login-server=" + quote(model.tailnet().controlUrl()),
                "--auth-key=file:/run/vpai-auth-key",
                "--hostname=" + quote(member.node().hostname()),
                "--accept-dns=" + member.acceptDns(),
                // The node's own firewall rules are the harness's (egress guard, VPS forwarding).
                "--netfilter-mode=off",
                "--timeout=45s")) + "\n";
        ShellResult result = engine.exec(container, script, STEP);
        if (!result.ok()) {
            throw new EngineException("mesh: " + member.fixture().service() + " (node " + member.node().hostname()
                    + ") did not join Headscale: " + result.tail(3));
        }
    }

    private void pinAddresses(String headscale, Fixtures fixtures) {
        String pins = members(model).stream().map(m -> m.node().hostname() + " " + m.node().address())
                .collect(Collectors.joining("\n", "", "\n"));
        ShellResult written = engine.exec(headscale, "cat > /var/lib/headscale/address-pins <<'PINS'\n" + pins + "PINS\n", STEP);
        if (!written.ok()) {
            throw new EngineException("mesh: cannot write the address pins: " + written.tail(3));
        }
        new ControlRestart(engine, project, model, fixtures).restart();
    }

    /**
     * Waits until every node has its pinned address and also sees every other node at its pinned address: a node's
     * own address changes in its first map after the restart, a peer's may come a map later, and a client that
     * still routes to a peer's old address gets no answer (seen once: a spec run straight after the join).
     */
    private void awaitAddresses() {
        Map<String, String> wanted = wantedAddresses();
        Map<String, String> containers = containers();
        try {
            Poll.of("every node at its tailnet address, seeing its peers at theirs", () -> views(containers))
                    .describedAs(seen -> seen.toString())
                    .onChange(log)
                    .until(seen -> wanted.keySet().stream().allMatch(node -> seen.containsKey(node)
                            && seen.get(node).self().equals(wanted.get(node))
                            && seen.get(node).peers().containsAll(othersThan(node, wanted))), ADDRESSES);
        } catch (Poll.WaitTimeout e) {
            throw new EngineException("mesh: " + e.getMessage() + "; wanted " + wanted);
        }
    }

    /**
     * Waits until every node reaches every other through WireGuard ({@link #pingEach}), all nodes pinging at once:
     * the addresses can be right a moment before the path carries packets again, the nodes relaying through
     * Headscale's DERP server, which has just restarted. A request sent in that moment can go unanswered. At once,
     * because a rejoined node's first handshake to a peer went unanswered until that peer pinged it back (its TSMP
     * ping timed out for 2 s; the next round, after the peer's own ping, passed at once).
     */
    private void awaitTunnels() {
        Map<String, String> wanted = wantedAddresses();
        Map<String, String> containers = containers();
        try {
            Map<String, String> scripts = new LinkedHashMap<>();
            containers.forEach((node, container) -> scripts.put(container, pingEach(othersThan(node, wanted))));
            Poll.of("every node reaching every other through the tunnel", () -> {
                        Map<String, ShellResult> pinged = OnEachNode.run(engine, scripts, Duration.ofSeconds(30));
                        Map<String, String> unreached = new LinkedHashMap<>();
                        containers.forEach((node, container) -> {
                            if (!pinged.get(container).ok()) {
                                unreached.put(node, pinged.get(container).stdout().strip());
                            }
                        });
                        return unreached;
                    })
                    .describedAs(unreached -> "unreached " + unreached)
                    .until(Map::isEmpty, ADDRESSES);
        } catch (Poll.WaitTimeout e) {
            throw new EngineException("mesh: " + e.getMessage());
        }
    }

    /**
     * For each address a disco ping (answered by the peer's tailscaled, no WireGuard), then a TSMP ping (through
     * WireGuard); prints the first address that did not answer and exits 1. The disco ping first: a WireGuard
     * handshake sent while the relay is still down is retried only 5 s later. Each is tried again every 500 ms
     * within its bound of 1 s or 2 s (`tailscale ping` ends at the first pong), so a ping that goes unanswered while
     * the peer is still taking this node into its WireGuard configuration is repeated within the round, once the
     * peer's own ping has gone the other way ({@link #awaitTunnels}), instead of at the next round.
     */
    static String pingEach(Set<String> addresses) {
        return "for a in " + String.join(" ", addresses) + "; do tailscale ping --c 2 --timeout 500ms \"$a\" >/dev/null 2>&1"
                + " && tailscale ping --tsmp --c 4 --timeout 500ms \"$a\" >/dev/null 2>&1 || { echo \"$a\"; exit 1; }; done\n";
    }

    /** Each node's fixture service and the tailnet address the architecture gives it, in join order. */
    private Map<String, String> wantedAddresses() {
        Map<String, String> wanted = new LinkedHashMap<>();
        members(model).forEach(member -> wanted.put(member.fixture().service(), member.node().address()));
        return wanted;
    }

    /** Each node's fixture service and its container, looked up once per wait. */
    private Map<String, String> containers() {
        Map<String, String> containers = new LinkedHashMap<>();
        members(model).forEach(member -> containers.put(member.fixture().service(),
                engine.container(project, member.fixture().service())));
        return containers;
    }

    private static Set<String> othersThan(String node, Map<String, String> wanted) {
        Set<String> others = new TreeSet<>(wanted.values());
        others.remove(wanted.get(node));
        return others;
    }

    /** A node's IPv4 tailnet address and its peers', as its tailscaled reports them ("" and none when it cannot). */
    private record NodeView(String self, Set<String> peers) {
        @Override
        public String toString() {
            return self + " sees " + peers;
        }
    }

    /** Each node's view, one {@code tailscale status --json} per node. */
    private Map<String, NodeView> views(Map<String, String> containers) {
        Map<String, NodeView> seen = new LinkedHashMap<>();
        containers.forEach((service, container) -> {
            ShellResult status = engine.exec(container, "tailscale status --json 2>/dev/null", Duration.ofSeconds(10));
            JsonNode json = status.ok() ? json(status.stdout()) : null;
            Set<String> self = json == null ? Set.of() : ipv4(json.path("Self"));
            Set<String> peers = new TreeSet<>();
            if (json != null) {
                json.path("Peer").forEach(peer -> peers.addAll(ipv4(peer)));
            }
            seen.put(service, new NodeView(self.stream().findFirst().orElse(""), peers));
        });
        return seen;
    }

    private static Set<String> ipv4(JsonNode node) {
        Set<String> out = new TreeSet<>();
        node.path("TailscaleIPs").forEach(ip -> {
            if (!ip.asText().contains(":")) {
                out.add(ip.asText());
            }
        });
        return out;
    }
}
