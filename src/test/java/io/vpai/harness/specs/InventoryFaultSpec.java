package io.vpai.harness.specs;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.baseline.ArchitectureBaseline;
import io.vpai.harness.inventory.Inventory;
import io.vpai.harness.inventory.ServiceShape;
import io.vpai.harness.support.Capabilities;
import io.vpai.harness.support.RequiresDocker;
import io.vpai.harness.target.DestructiveAccess;
import io.vpai.harness.target.Recomposable;
import io.vpai.harness.target.Target;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The live inventory can fail: each fault the issue names is made on the running stack — a hand-run
 * {@code docker network connect}, an extra published port, a dropped startup dependency — and must show up
 * naming the container and the difference; then the stack is put back as declared and the inventory is
 * clean again (faults: run last).
 */
@Tag("stack")
@Tag("destructive")
@RequiresDocker
@DisplayName("Live inventory: faults are caught")
@Epic(Behaviors.CONFORMANCE)
@Feature(Behaviors.INVENTORY)
@Story("Slips are caught")
class InventoryFaultSpec {
    private static final Duration RECREATE = Duration.ofMinutes(3);

    @Test
    @DisplayName("redis connected by hand to the monitoring network is caught, container and network named")
    void aHandConnectedNetworkIsCaught(Target stack) {
        DestructiveAccess access = Capabilities.destructive(stack, "connect redis to the monitoring network");
        String network = stack.project() + "_monitoring";
        assertThat(differences(stack, "redis")).as("redis before the fault").isEmpty();

        access.connect("redis", "monitoring");
        List<Inventory.Difference> whileConnected;
        try {
            whileConnected = differences(stack, "redis");
            assertThatThrownBy(() -> LiveInventorySpec.membership(stack, matrixRow("redis"), running(stack).get("redis")))
                    .hasMessageContaining("redis on " + stack.name() + ": it is attached to backend, monitoring; "
                            + "the architecture baseline (Service Matrix) has backend");
        } finally {
            access.disconnect("redis", "monitoring");
        }
        assertThat(whileConnected).singleElement().satisfies(d -> {
            assertThat(d.subject()).isEqualTo("service redis");
            assertThat(d.aspect()).isEqualTo("networks");
            assertThat(d.actual()).contains(network);
        });
        assertThat(differences(stack, "redis")).as("redis after disconnecting it").isEmpty();
    }

    @Test
    @DisplayName("grafana recreated with an extra published port is caught, container and port named")
    void anExtraPublishedPortIsCaught(Target stack) {
        Recomposable compose = recomposable(stack, "recreate grafana with an extra published port");
        List<Inventory.Difference> whilePublished;
        try {
            compose.recreate("grafana", texts -> {
                List<String> withExtra = new ArrayList<>(texts);
                withExtra.add("services:\n  grafana:\n    ports:\n      - \"127.0.0.1:13000:3000\"\n");
                return withExtra;
            }, RECREATE);
            whilePublished = differences(stack, "grafana");
            assertThatThrownBy(() -> LiveInventorySpec.published(stack, running(stack)))
                    .hasMessageContaining("grafana publishes host ports [13000]")
                    .hasMessageContaining("allows []");
        } finally {
            compose.restore("grafana", RECREATE);
        }
        assertThat(whilePublished).singleElement().satisfies(d -> {
            assertThat(d.toString()).startsWith("service grafana ports: expected [] but the engine runs");
            assertThat(d.actual()).contains("3000/tcp -> 127.0.0.1:13000");
        });
        assertThat(differences(stack, "grafana")).as("grafana recreated as declared").isEmpty();
    }

    /**
     * The slip that went unseen: caddy no longer waits for qdrant. The order observed at start-up can still look
     * right; the inventory and the enforced-edge check read what Compose recorded and must both name the edge.
     */
    @Test
    @DisplayName("caddy recreated without its qdrant dependency is caught, although timing hides it")
    void aDroppedDependencyIsCaught(Target stack) {
        Recomposable compose = recomposable(stack, "recreate caddy without its qdrant dependency");
        String text = stack.expectedCompose().get(0);
        String edge = "      qdrant:\n        condition: service_healthy\n";
        int caddy = text.indexOf("\n  caddy:\n");
        int at = text.indexOf(edge, caddy);
        assertThat(caddy).as("caddy in the shipped compose file").isNotNegative();
        assertThat(at).as("caddy's qdrant dependency in the shipped compose file").isGreaterThan(caddy);
        List<Inventory.Difference> whileDropped;
        try {
            compose.recreate("caddy", texts -> {
                List<String> dropped = new ArrayList<>(texts);
                dropped.set(0, text.substring(0, at) + text.substring(at + edge.length()));
                return dropped;
            }, RECREATE);
            whileDropped = differences(stack, "caddy");
            assertThatThrownBy(() -> StartupOrderSpec.enforced(stack, running(stack), "qdrant", "caddy", "seed and model"))
                    .hasMessageContaining("startup edge qdrant -> caddy (seed and model) is not enforced on "
                            + stack.name())
                    .hasMessageContaining("without qdrant");
        } finally {
            compose.restore("caddy", RECREATE);
        }
        assertThat(whileDropped).singleElement().satisfies(d -> {
            assertThat(d.subject()).isEqualTo("service caddy");
            assertThat(d.aspect()).isEqualTo("depends_on");
            assertThat(d.expected()).contains("qdrant=service_healthy");
            assertThat(d.actual()).doesNotContain("qdrant");
        });
        assertThat(differences(stack, "caddy")).as("caddy recreated as declared").isEmpty();
        StartupOrderSpec.enforced(stack, running(stack), "qdrant", "caddy", "seed and model");
    }

    private static Recomposable recomposable(Target stack, String what) {
        Capabilities.destructive(stack, what);
        return Capabilities.require(stack, Recomposable.class, "the fault needs to " + what + " from edited compose "
                + "files, which only a target that drives Compose itself can do");
    }

    private static Map<String, ServiceShape> running(Target stack) {
        return ServiceShape.fromInspect(stack.inspect(), stack::readFile);
    }

    private static List<Inventory.Difference> differences(Target stack, String service) {
        Map<String, ServiceShape> expected = ServiceShape.fromCompose(stack.expectedCompose(), stack.project());
        return Inventory.compare(service, expected.get(service), running(stack).get(service));
    }

    private static io.vpai.harness.baseline.MatrixRow matrixRow(String service) {
        return ArchitectureBaseline.matrixRow(service).orElseThrow();
    }
}
