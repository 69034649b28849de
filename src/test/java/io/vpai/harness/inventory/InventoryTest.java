package io.vpai.harness.inventory;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.model.ModelValidator;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.render.RenderAll;
import io.vpai.harness.render.RenderedFile;
import io.vpai.harness.render.SeseComposeRenderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The inventory is judged on a normal form both sides are reduced to; these pin the reduction and the comparison. */
@Tag("gate")
@DisplayName("The inventory's normal form and its comparison")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.INVENTORY_READING)
class InventoryTest {
    static final String RENDERED = RenderAll.render(ModelValidator.validate(VpaiStack.model())).stream()
            .filter(f -> f.path().equals(SeseComposeRenderer.PATH)).map(RenderedFile::content).findFirst().orElseThrow();

    @Test
    @DisplayName("the rendered compose file reads into one shape per service, networks named as Docker names them")
    void renderedComposeFile() {
        Map<String, ServiceShape> shapes = ServiceShape.fromCompose(List.of(RENDERED), "sese-ai");
        ServiceShape caddy = shapes.get("caddy");
        assertThat(caddy.image()).isEqualTo("caddy:2.10.2-alpine");
        assertThat(caddy.networks()).containsEntry("sese-ai_frontend", "172.20.1.10").containsEntry("sese-ai_backend", "172.20.2.10");
        assertThat(caddy.ports()).contains("80/tcp -> 0.0.0.0:80", "443/tcp -> 0.0.0.0:443", "443/udp -> 0.0.0.0:443");
        assertThat(caddy.healthcheck()).startsWith("CMD-SHELL").endsWith("interval=5000ms");
        assertThat(shapes.get("diun").networks()).as("network_mode: bridge").isEqualTo(Map.of("bridge", ""));
    }

    @Test
    @DisplayName("an override replaces the image and health check, and adds networks, as Compose merges them")
    void overridesMerge() {
        String override = """
                services:
                  caddy:
                    image: vpai/caddy:abc
                    healthcheck:
                      test: [CMD-SHELL, "true"]
                      interval: 1000ms
                    networks:
                      tailnet: {ipv4_address: 100.64.0.14}
                  fixture-vpn-client:
                    image: vpai/probe:abc
                    networks: [tailnet]
                networks:
                  tailnet: {driver: bridge}
                """;
        Map<String, ServiceShape> shapes = ServiceShape.fromCompose(List.of(RENDERED, override), "p");
        ServiceShape caddy = shapes.get("caddy");
        assertThat(caddy.image()).isEqualTo("vpai/caddy:abc");
        assertThat(caddy.healthcheck()).containsExactly("CMD-SHELL", "true", "interval=1000ms");
        assertThat(caddy.networks()).containsEntry("p_tailnet", "100.64.0.14").containsEntry("p_frontend", "172.20.1.10");
        assertThat(shapes.get("fixture-vpn-client").networks()).isEqualTo(Map.of("p_tailnet", ""));
    }

    @Test
    void identicalShapesHaveNoDrift() {
        Map<String, ServiceShape> shapes = ServiceShape.fromCompose(List.of(RENDERED), "sese-ai");
        assertThat(Inventory.compare(shapes, new TreeMap<>(shapes))).isEmpty();
    }

    @Test
    @DisplayName("each kind of difference is listed, naming service, aspect, expected and actual")
    void everyDifferenceIsListed() {
        Map<String, ServiceShape> expected = ServiceShape.fromCompose(List.of(RENDERED), "sese-ai");
        Map<String, ServiceShape> running = new TreeMap<>(expected);
        ServiceShape redis = expected.get("redis");
        running.put("redis", new ServiceShape("redis:7.2", redis.networks(), List.of("6379/tcp -> 0.0.0.0:6379"),
                List.of(), redis.mounts(), redis.restart(), redis.dependsOn()));
        running.remove("qdrant");
        running.put("adminer", new ServiceShape("adminer:4", Map.of(), List.of(), List.of(), List.of(), "no", Map.of()));
        List<String> differences = Inventory.compare(expected, running).stream().map(Object::toString).toList();
        assertThat(differences).containsExactly(
                "service adminer container: expected no such service in the compose files but the engine runs a container of image adminer:4",
                "service qdrant container: expected a container but the engine runs none",
                "service redis image: expected redis:7.0.15-bookworm but the engine runs redis:7.2",
                "service redis ports: expected [] but the engine runs [6379/tcp -> 0.0.0.0:6379]",
                "service redis healthcheck: expected " + redis.healthcheck() + " but the engine runs []");
    }

    @Test
    @DisplayName("a dropped dependency, an extra mount of the Docker socket and a changed restart policy are each named")
    void dependenciesMountsAndRestart() {
        Map<String, ServiceShape> expected = ServiceShape.fromCompose(List.of(RENDERED), "sese-ai");
        ServiceShape caddy = expected.get("caddy");
        assertThat(caddy.dependsOn()).containsEntry("qdrant", "service_healthy").hasSize(5);
        assertThat(caddy.mounts()).contains("/etc/caddy/Caddyfile bind ro", "/data volume");
        assertThat(expected.get("diun").mounts()).contains("/var/run/docker.sock bind ro <- /var/run/docker.sock");

        Map<String, String> withoutQdrant = new TreeMap<>(caddy.dependsOn());
        withoutQdrant.remove("qdrant");
        List<String> socket = new java.util.ArrayList<>(caddy.mounts());
        socket.add(ServiceShape.mount("bind", "/run/docker.sock", "/var/run/docker.sock", false));
        ServiceShape changed = new ServiceShape(caddy.image(), caddy.networks(), caddy.ports(), caddy.healthcheck(),
                socket, "always", withoutQdrant);
        assertThat(Inventory.compare("caddy", caddy, changed)).extracting(Inventory.Difference::aspect)
                .containsExactly("mounts", "restart", "depends_on");
        assertThat(Inventory.compare("caddy", caddy, changed).get(2).toString())
                .isEqualTo("service caddy depends_on: expected " + caddy.dependsOn() + " but the engine runs "
                        + withoutQdrant);
        assertThat(Inventory.compare("caddy", caddy, caddy)).isEmpty();
    }

    @Test
    @DisplayName("dependencies as Compose recorded them: v2's label, or the files v1 names, read back")
    void recordedDependencies() {
        String inspect = """
                [{"Id": "c1", "Config": {"Image": "vpai/caddy:1", "Labels": {
                   "com.docker.compose.service": "caddy", "com.docker.compose.project": "p",
                   "com.docker.compose.project.config_files": "/srv/a.yml,b.yml",
                   "com.docker.compose.project.working_dir": "/srv"}},
                  "State": {"Status": "running", "Running": true}, "HostConfig": {"RestartPolicy": {"Name": ""}},
                  "Mounts": [{"Type": "volume", "Source": "/var/lib/docker/volumes/p_caddy_data/_data",
                              "Destination": "/data", "RW": true}]},
                 {"Id": "c2", "Config": {"Image": "vpai/probe:1", "Labels": {
                   "com.docker.compose.service": "n8n", "com.docker.compose.project": "p",
                   "com.docker.compose.depends_on": "postgresql:service_healthy:false"}},
                  "State": {"Status": "running", "Running": true}, "HostConfig": {"RestartPolicy": {"Name": "always"}}}]
                """;
        List<InspectedContainer> containers = InspectedContainer.parse(inspect);
        assertThat(containers.get(0).configFiles()).containsExactly("/srv/a.yml", "/srv/b.yml");
        assertThat(containers.get(0).mounts()).containsExactly("/data volume");
        assertThat(containers.get(0).restart()).isEqualTo("no");
        assertThat(containers.get(1).dependsOn()).contains(Map.of("postgresql", "service_healthy"));

        Map<String, String> files = Map.of(
                "/srv/a.yml", "services:\n  caddy:\n    depends_on: [n8n]\n",
                "/srv/b.yml", "services:\n  caddy:\n    depends_on:\n      qdrant: {condition: service_healthy}\n");
        Map<String, ServiceShape> running = ServiceShape.fromInspect(containers, f -> Optional.ofNullable(files.get(f)));
        assertThat(running.get("caddy").dependsOn())
                .isEqualTo(Map.of("n8n", "service_started", "qdrant", "service_healthy"));
        assertThat(running.get("n8n").dependsOn()).isEqualTo(Map.of("postgresql", "service_healthy"));
        assertThat(running.get("n8n").restart()).isEqualTo("always");

        Map<String, ServiceShape> unreadable = ServiceShape.fromInspect(containers, f -> Optional.empty());
        assertThat(unreadable.get("caddy").dependsOn()).containsKey("?");
    }

    @Test
    void portsAndDurationsInEveryWrittenForm() {
        assertThat(ComposeShapes.port("80:80")).isEqualTo("80/tcp -> 0.0.0.0:80");
        assertThat(ComposeShapes.port("127.0.0.1:8080:80/udp")).isEqualTo("80/udp -> 127.0.0.1:8080");
        assertThat(ComposeShapes.port(Map.of("target", 443, "published", 8443, "protocol", "tcp")))
                .isEqualTo("443/tcp -> 0.0.0.0:8443");
        assertThat(ComposeShapes.duration("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ComposeShapes.duration("1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> ComposeShapes.duration("5 seconds")))
                .hasMessageContaining("'5 seconds' is not a compose duration");
    }
}
