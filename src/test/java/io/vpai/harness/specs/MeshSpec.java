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
import java.util.HashMap;
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
            // One exec per node reads everything below. ahostsv4, not hosts: `getent hosts` asks for IPv6 first and, with
            // only an IPv4 entry in /etc/hosts, sends that question to Docker's DNS and on past the machine (10 s here).
            Readings readings = new Readings(access, service, List.of("tailscale ip -4", "tailscale debug prefs",
                    "getent ahostsv4 " + control, "tailscale debug derp-map",
                    "tr '\\0' ' ' < /proc/$(pgrep -x tailscaled)/cmdline", "iptables -S VPAI_EGRESS",
                    "iptables -S OUTPUT", "ip route show table main"));
            tests.add(DynamicTest.dynamicTest(node.hostname() + " (" + service + ") holds " + node.address(), () ->
                    assertThat(readings.of("tailscale ip -4").strip()).isEqualTo(node.address())));
            tests.add(DynamicTest.dynamicTest(node.hostname() + " is controlled by " + tailnet.controlUrl()
                    + ", which resolves there to the harness's Headscale " + fixtures.tailnet().underlay().controlServer(), () -> {
                JsonNode prefs = JSON.readTree(readings.of("tailscale debug prefs"));
                assertThat(prefs.path("ControlURL").asText()).isEqualTo(tailnet.controlUrl());
                assertThat(readings.of("getent ahostsv4 " + control).trim().split("\\s+")[0])
                        .isEqualTo(fixtures.tailnet().underlay().controlServer());
            }));
            tests.add(DynamicTest.dynamicTest(node.hostname() + "'s DERP map holds only Headscale's embedded relay at "
                    + control, () -> {
                JsonNode regions = JSON.readTree(readings.of("tailscale debug derp-map")).path("Regions");
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
                assertThat(readings.of("tr '\\0' ' ' < /proc/$(pgrep -x tailscaled)/cmdline"))
                        .contains("--no-logs-no-support");
                assertThat(readings.of("iptables -S VPAI_EGRESS")).contains(
                        "-A VPAI_EGRESS -d " + fixtures.internet().subnet() + " -j RETURN",
                        "-A VPAI_EGRESS -d " + fixtures.tailnet().subnet() + " -o tailscale0 -j RETURN",
                        "-A VPAI_EGRESS -j REJECT");
                assertThat(readings.of("iptables -S OUTPUT")).contains("-A OUTPUT -j VPAI_EGRESS");
                assertThat(readings.of("ip route show table main")).contains("blackhole " + fixtures.tailnet().subnet());
            }));
        });
        return tests.stream();
    }

    /**
     * What a node's commands print, read in one {@code docker exec} the first time a test asks: each command's
     * standard output by the command, and a failed command fails the test that reads it, naming its stderr.
     */
    private static final class Readings {
        private static final String MARK = "@@vpai-mesh ";
        private final DestructiveAccess access;
        private final String service;
        private final List<String> commands;
        private Map<String, String> outputs;
        private Map<String, String> failures;

        Readings(DestructiveAccess access, String service, List<String> commands) {
            this.access = access;
            this.service = service;
            this.commands = commands;
        }

        String of(String command) {
            if (outputs == null) {
                read();
            }
            assertThat(commands).as("commands read in %s", service).contains(command);
            assertThat(failures.get(command)).as("%s in %s", command, service).isNull();
            return outputs.get(command);
        }

        private void read() {
            StringBuilder script = new StringBuilder();
            for (int i = 0; i < commands.size(); i++) {
                script.append("printf '").append(MARK).append("out %d\\n' ").append(i).append("\n{ ")
                        .append(commands.get(i)).append("\n} 2>/tmp/vpai-mesh-err; rc=$?\n")
                        .append("printf '\\n").append(MARK).append("end %d %d\\n' ").append(i).append(" \"$rc\"\n")
                        .append("cat /tmp/vpai-mesh-err\n");
            }
            ShellResult result = access.exec(service, script.toString(), COMMAND);
            assertThat(result.ok()).as("reading %s in one exec: %s", service, result.tail(3)).isTrue();
            outputs = new HashMap<>();
            failures = new HashMap<>();
            String[] lines = result.stdout().split("\n", -1);
            for (int line = 0; line < lines.length; line++) {
                if (!lines[line].startsWith(MARK + "out ")) {
                    continue;
                }
                String command = commands.get(Integer.parseInt(lines[line].substring((MARK + "out ").length()).strip()));
                StringBuilder out = new StringBuilder();
                int at = line + 1;
                for (; at < lines.length && !lines[at].startsWith(MARK + "end "); at++) {
                    out.append(lines[at]).append('\n');
                }
                outputs.put(command, out.toString());
                String[] end = at < lines.length ? lines[at].split(" ") : new String[0];
                if (end.length != 4 || !end[3].equals("0")) {
                    StringBuilder stderr = new StringBuilder();
                    for (int e = at + 1; e < lines.length && !lines[e].startsWith(MARK); e++) {
                        stderr.append(lines[e]).append(' ');
                    }
                    failures.put(command, "exit " + (end.length == 4 ? end[3] : "?") + ": " + stderr.toString().strip());
                }
                line = at;
            }
        }
    }
}
