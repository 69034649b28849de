package io.vpai.harness.specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.environment.Fixture;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.environment.TailnetFixture;
import io.vpai.harness.model.Tailnet;
import io.vpai.harness.support.Capabilities;
import io.vpai.harness.support.RequiresDocker;
import io.vpai.harness.target.DestructiveAccess;
import io.vpai.harness.target.Target;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real mesh, read from its nodes' own daemons: each Tailscale node holds the address the architecture gives it,
 * knows only the harness's Headscale and its embedded relay, and lets nothing out but to the harness's networks.
 * Reads only, but through {@code docker exec} in the nodes, which only a changeable target hands out.
 */
@Tag("stack")
@RequiresDocker
@DisplayName("The Headscale mesh")
@Epic(Behaviors.CONFORMANCE)
@Feature(Behaviors.MESH)
@Story("Each node holds its address and knows only the harness's Headscale")
class MeshSpec {
    private static final Duration COMMAND = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Fixture, String> NODES = Map.of(
            Fixture.VPS_NODE, TailnetFixture.VPS_NODE,
            Fixture.VPN_CLIENT, TailnetFixture.VPN_CLIENT_NODE,
            Fixture.WORKSTATION_NODE, TailnetFixture.WORKSTATION_NODE);

    @TestFactory
    @DisplayName("every node, as its own tailscaled reports it")
    Stream<DynamicTest> everyNode(Target target) {
        DestructiveAccess access = Capabilities.destructive(target, "run tailscale in the mesh's nodes");
        Fixtures fixtures = SplitDnsSpec.fixtures(target);
        Tailnet tailnet = target.model().tailnet();
        String control = URI.create(tailnet.controlUrl()).getHost();
        List<DynamicTest> tests = new ArrayList<>();
        NODES.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(entry -> {
            String service = entry.getKey().service();
            Tailnet.Node node = tailnet.requireNode(entry.getValue());
            tests.add(DynamicTest.dynamicTest(node.hostname() + " (" + service + ") holds " + node.address(), () ->
                    assertThat(run(access, service, "tailscale ip -4").strip()).isEqualTo(node.address())));
            tests.add(DynamicTest.dynamicTest(node.hostname() + " is controlled by " + tailnet.controlUrl()
                    + ", which resolves there to the harness's Headscale " + fixtures.tailnet().underlay().controlServer(), () -> {
                JsonNode prefs = JSON.readTree(run(access, service, "tailscale debug prefs"));
                assertThat(prefs.path("ControlURL").asText()).isEqualTo(tailnet.controlUrl());
                assertThat(run(access, service, "getent hosts " + control).trim().split("\\s+")[0])
                        .isEqualTo(fixtures.tailnet().underlay().controlServer());
            }));
            tests.add(DynamicTest.dynamicTest(node.hostname() + "'s DERP map holds only Headscale's embedded relay at "
                    + control, () -> {
                JsonNode regions = JSON.readTree(run(access, service, "tailscale debug derp-map")).path("Regions");
                assertThat(regions.size()).as("DERP regions").isEqualTo(1);
                JsonNode region = regions.path(String.valueOf(tailnet.server().derpRegionId()));
                assertThat(region.path("RegionCode").asText()).isEqualTo(tailnet.server().derpRegionCode());
                for (JsonNode relay : region.path("Nodes")) {
                    assertThat(relay.path("HostName").asText()).isEqualTo(control);
                    // An address here would be dialled as is, past the name the node resolves to the fixture.
                    assertThat(relay.path("IPv4").asText("")).isEmpty();
                    assertThat(relay.path("IPv6").asText("")).isEmpty();
                }
            }));
            tests.add(DynamicTest.dynamicTest(node.hostname() + " uploads no logs and may send only to "
                    + fixtures.internet().subnet() + ", and to " + fixtures.tailnet().subnet() + " only through its tunnel", () -> {
                assertThat(run(access, service, "tr '\\0' ' ' < /proc/$(pgrep -x tailscaled)/cmdline"))
                        .contains("--no-logs-no-support");
                assertThat(run(access, service, "iptables -S VPAI_EGRESS")).contains(
                        "-A VPAI_EGRESS -d " + fixtures.internet().subnet() + " -j RETURN",
                        "-A VPAI_EGRESS -d " + fixtures.tailnet().subnet() + " -o tailscale0 -j RETURN",
                        "-A VPAI_EGRESS -j REJECT");
                assertThat(run(access, service, "iptables -S OUTPUT")).contains("-A OUTPUT -j VPAI_EGRESS");
                assertThat(run(access, service, "ip route show table main")).contains("blackhole " + fixtures.tailnet().subnet());
            }));
        });
        return tests.stream();
    }

    private static String run(DestructiveAccess access, String service, String command) {
        ShellResult result = access.exec(service, command, COMMAND);
        assertThat(result.ok()).as("%s in %s: %s", command, service, result.tail(3)).isTrue();
        return result.stdout();
    }
}
