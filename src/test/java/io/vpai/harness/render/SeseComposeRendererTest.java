package io.vpai.harness.render;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.baseline.ArchitectureBaseline;
import io.vpai.harness.baseline.MatrixRow;
import io.vpai.harness.model.Dependency;
import io.vpai.harness.model.Network;
import io.vpai.harness.model.PublishedPort;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Value;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.vpai.harness.render.Rendered.list;
import static io.vpai.harness.render.Rendered.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Sese compose file read back as YAML agrees with the model and with the seed (Service Matrix,
 * section 7's startup graph): services, network membership, internal flags, published ports, edges.
 */
@Tag("gate")
@DisplayName("The Sese-AI compose file agrees with the model and the seed")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.RENDERING)
class SeseComposeRendererTest {
    private final Stack model = VpaiStack.model();
    private final Map<String, Object> compose = Rendered.yaml(Rendered.text(SeseComposeRenderer.PATH));

    private Map<String, Object> services() {
        return map(compose.get("services"));
    }

    /** Service name to the networks it joins, read from the file. */
    private Map<String, Set<String>> membership() {
        Map<String, Set<String>> out = new TreeMap<>();
        services().forEach((name, definition) -> {
            Object networks = map(definition).get("networks");
            out.put(name, networks == null ? Set.of() : new TreeSet<>(map(networks).keySet()));
        });
        return out;
    }

    /** "dependency --> dependent" for every depends_on entry, read from the file. */
    private Set<String> edges() {
        Set<String> out = new TreeSet<>();
        services().forEach((name, definition) -> {
            Object dependsOn = map(definition).get("depends_on");
            if (dependsOn != null) {
                map(dependsOn).keySet().forEach(dependency -> out.add(dependency + " --> " + name));
            }
        });
        return out;
    }

    @Test
    void servicesAreTheModelsInModelOrder() {
        assertThat(services().keySet()).containsExactlyElementsOf(model.services().stream().map(Service::name).toList());
    }

    @Test
    void eachServiceJoinsItsNetworksAtItsAddresses() {
        for (Service service : model.services()) {
            Map<String, Object> definition = map(services().get(service.name()));
            if (service.networks().isEmpty()) {
                assertThat(definition).as(service.name()).containsEntry("network_mode", "bridge").doesNotContainKey("networks");
                continue;
            }
            Map<String, Object> networks = map(definition.get("networks"));
            assertThat(networks.keySet()).as(service.name()).containsExactlyElementsOf(service.networkNames());
            service.networks().forEach(a -> assertThat(map(networks.get(a.network())))
                    .as(service.name() + " on " + a.network()).containsEntry("ipv4_address", a.address()));
        }
    }

    @Test
    void networksCarryTheModelsSubnetsAndInternalFlags() {
        Map<String, Object> networks = map(compose.get("networks"));
        assertThat(networks.keySet()).containsExactlyElementsOf(model.networks().stream().map(Network::name).toList());
        for (Network network : model.networks()) {
            Map<String, Object> definition = map(networks.get(network.name()));
            assertThat(definition.get("internal")).as(network.name() + " internal")
                    .isEqualTo(network.internal() ? Boolean.TRUE : null);
            assertThat(definition).containsEntry("driver", "bridge");
            Object subnet = map(list(map(definition.get("ipam")).get("config")).get(0)).get("subnet");
            assertThat(subnet).as(network.name() + " subnet").isEqualTo(network.subnet().toString());
        }
    }

    @Test
    void onlyTheModelsPublishedPortsArePublished() {
        Map<String, List<Object>> published = new TreeMap<>();
        services().forEach((name, definition) -> {
            Object ports = map(definition).get("ports");
            if (ports != null) {
                published.put(name, list(ports));
            }
        });
        Map<String, List<Object>> expected = new TreeMap<>();
        for (Service service : model.services()) {
            if (!service.published().isEmpty()) {
                expected.put(service.name(), service.published().stream().map(SeseComposeRendererTest::shortSyntax).map(Object.class::cast).toList());
            }
        }
        assertThat(published).isEqualTo(expected);
    }

    private static String shortSyntax(PublishedPort port) {
        return port.hostPort() + ":" + port.containerPort() + (port.protocol().equals("udp") ? "/udp" : "");
    }

    @Test
    void dependencyEdgesAndConditionsAreTheModels() {
        Set<String> expected = new TreeSet<>();
        for (Service service : model.services()) {
            for (Dependency dependency : service.dependsOn()) {
                expected.add(dependency.service() + " --> " + service.name());
                Object condition = map(map(map(services().get(service.name())).get("depends_on")).get(dependency.service())).get("condition");
                assertThat(condition).isEqualTo(dependency.condition().compose());
            }
        }
        assertThat(edges()).isEqualTo(expected);
    }

    @Test
    void environmentHealthChecksAndCommandsAreTheModels() {
        for (Service service : model.services()) {
            Map<String, Object> definition = map(services().get(service.name()));
            assertThat(definition).containsEntry("image", service.image().reference()).containsEntry("restart", "unless-stopped")
                    .doesNotContainKey("container_name");
            Map<String, Object> environment = new LinkedHashMap<>();
            service.environment().forEach((key, value) -> environment.put(key,
                    value instanceof Value.Literal literal ? literal.text().replace("$", "$$") : value.compose()));
            assertThat(definition.get("environment")).as(service.name()).isEqualTo(environment.isEmpty() ? null : environment);
            assertThat(definition.get("command")).as(service.name()).isEqualTo(service.command().isEmpty() ? null : service.command());
            service.healthCheck().ifPresent(check -> {
                Map<String, Object> health = map(definition.get("healthcheck"));
                assertThat(health.get("test")).isEqualTo(check.composeTest());
                assertThat(health).containsEntry("retries", check.retries())
                        .containsEntry("interval", check.interval().toSeconds() + "s")
                        .containsEntry("start_period", check.startPeriod().toSeconds() + "s");
            });
        }
    }

    @Test
    void everyNamedVolumeIsDeclaredAndEveryBindSourceIsRendered() {
        Set<String> rendered = Rendered.all().stream().map(RenderedFile::path).collect(Collectors.toSet());
        Set<String> declared = map(compose.get("volumes")).keySet();
        for (Service service : model.services()) {
            service.volumes().forEach(volume -> {
                if (!volume.isBind()) {
                    assertThat(declared).as(service.name()).contains(volume.source());
                } else if (volume.source().startsWith("./")) {
                    assertThat(rendered).as(service.name() + " mounts " + volume.source())
                            .contains("sese-ai/" + volume.source().substring(2));
                }
            });
        }
    }

    @Test
    void neitherVersionNorNameKeysWhichComposeV1AndV2DisagreeOn() {
        assertThat(compose.keySet()).containsExactly("services", "networks", "volumes");
    }

    @Test
    void matchesTheArchitectureBaselinesServiceMatrix() {
        Map<String, Set<String>> expected = new TreeMap<>();
        for (MatrixRow row : ArchitectureBaseline.SERVICE_MATRIX) {
            expected.put(row.service(), new TreeSet<>(row.networks()));
        }

        assertThat(membership()).as("network membership, compose file vs " + ArchitectureBaseline.says("Service Matrix"))
                .isEqualTo(expected);
    }

    @Test
    void publishesWhatTheBaselineMatrixSaysIsExposed() {
        MatrixRow caddy = ArchitectureBaseline.matrixRow("caddy").orElseThrow();
        Set<Integer> seedPorts = new TreeSet<>(caddy.ports());
        Set<Integer> hostPorts = new TreeSet<>();
        Set<String> publishing = new TreeSet<>();
        services().forEach((name, definition) -> {
            Object ports = map(definition).get("ports");
            if (ports != null) {
                publishing.add(name);
                list(ports).forEach(p -> hostPorts.add(Integer.parseInt(p.toString().split(":")[0])));
            }
        });

        assertThat(publishing).as("services with published ports").containsExactly("caddy");
        assertThat(hostPorts).as("Caddy's published host ports vs the seed's 'Ports' column").isEqualTo(seedPorts);
    }

    @Test
    void matchesTheArchitectureBaselinesStartupGraph() {
        Set<String> expected = new TreeSet<>();
        ArchitectureBaseline.STARTUP_EDGES.forEach(e -> expected.add(e.dependency() + " --> " + e.dependent()));

        assertThat(edges()).as("depends_on edges vs " + ArchitectureBaseline.says("section 7")).isEqualTo(expected);
    }

    @Test
    void aModelChangeShowsInTheFile() {
        Stack moved = model.withService("grafana", s -> s.withoutNetwork("frontend"))
                .withService("openclaw", s -> s.withDependsOn(List.of()));

        Map<String, Object> changed = Rendered.yaml(new SeseComposeRenderer().render(moved).get(0).content());

        assertThat(map(map(changed.get("services")).get("grafana")).get("networks").toString()).doesNotContain("frontend");
        assertThat(map(map(changed.get("services")).get("openclaw"))).doesNotContainKey("depends_on");
    }

    @Test
    void compositeOrderIsStable() {
        Set<String> keys = new LinkedHashSet<>(map(services().get("caddy")).keySet());
        assertThat(keys).containsExactly("image", "restart", "environment", "volumes", "networks", "ports", "healthcheck", "depends_on");
    }
}
