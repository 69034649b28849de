package io.vpai.harness.mesh;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.engine.DockerEngine;
import io.vpai.harness.environment.ContainerEnvironment;
import io.vpai.harness.environment.Environments;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.ssh.FakeShell;
import io.vpai.harness.wait.Poll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("gate")
@DisplayName("The mesh join: it waits for tunnels (a node's ping script names the first peer that did not answer), and beside compose up it gives up with the bring-up")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.CONTAINER_STACK)
class MeshJoinTest {
    private static final Set<String> PEERS = new TreeSet<>(Set.of("100.64.0.1", "100.64.0.14"));

    @Test
    @DisplayName("every peer answering: exit 0, nothing printed")
    void everyPeerAnswers() throws Exception {
        Result result = run("tailscale() { return 0; }\n");
        assertThat(result.exit()).isZero();
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    @DisplayName("one peer silent: exit 1, that peer printed")
    void aSilentPeerIsNamed() throws Exception {
        // The stub answers every ping but the one to 100.64.0.14 (the last word of its arguments).
        assertOnlyNamed("tailscale() { [ \"${@: -1}\" != 100.64.0.14 ]; }\n", "100.64.0.14");
    }

    @Test
    @DisplayName("a peer answering the relay's ping but not through WireGuard: exit 1, that peer printed")
    void aPeerSilentThroughTheTunnelIsNamed() throws Exception {
        assertOnlyNamed("tailscale() { [[ \" $* \" != *\" --tsmp \"*\" 100.64.0.1 \" ]]; }\n", "100.64.0.1");
    }

    @Test
    @DisplayName("a join waiting beside compose up gives up at once when the bring-up failed; otherwise it waits its deadline")
    void anAbandonedJoinGivesUp() {
        Stack model = VpaiStack.model();
        ContainerEnvironment offline = (ContainerEnvironment) Environments.load(
                Path.of(System.getProperty("basedir", "")).toAbsolutePath(), "offline", model);
        // No container yet: the fixtures are never healthy.
        MeshJoin join = new MeshJoin(new DockerEngine(FakeShell.scripted().answer("docker ps", 0, ""), Duration.ofSeconds(5)),
                "vpaih-test", model, line -> { });
        assertThatThrownBy(() -> join.joinOnceReady(offline.fixtures(), Duration.ofMinutes(5), () -> true))
                .isInstanceOf(Poll.WaitTimeout.class).hasMessageContaining("gave up")
                .hasMessageContaining("fixture-headscale (null)");
        assertThatThrownBy(() -> join.joinOnceReady(offline.fixtures(), Duration.ofMillis(1200), () -> false))
                .isInstanceOf(Poll.WaitTimeout.class).hasMessageContaining("not reached after 1200 ms");
    }

    /** The script under {@code stub} exits 1 and prints {@code peer}, and only that. */
    private static void assertOnlyNamed(String stub, String peer) throws Exception {
        Result result = run(stub);
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.stdout().strip()).isEqualTo(peer);
    }

    private record Result(int exit, String stdout) {
    }

    /** The script under bash, with {@code tailscale} stubbed by a shell function. */
    private static Result run(String stub) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", stub + MeshJoin.pingEach(PEERS)).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), out);
    }
}
