package io.vpai.harness.ssh;

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
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Drift is judged on a normal form both sides are reduced to; these pin the reduction and the comparison. */
@Tag("gate")
class LiveDriftTest {
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
        assertThat(LiveDrift.compare(shapes, new TreeMap<>(shapes))).isEmpty();
    }

    @Test
    @DisplayName("each kind of difference is listed, naming service, aspect, expected and actual")
    void everyDifferenceIsListed() {
        Map<String, ServiceShape> expected = ServiceShape.fromCompose(List.of(RENDERED), "sese-ai");
        Map<String, ServiceShape> running = new TreeMap<>(expected);
        ServiceShape redis = expected.get("redis");
        running.put("redis", new ServiceShape("redis:7.2", redis.networks(), List.of("6379/tcp -> 0.0.0.0:6379"),
                List.of()));
        running.remove("qdrant");
        running.put("adminer", new ServiceShape("adminer:4", Map.of(), List.of(), List.of()));
        List<String> differences = LiveDrift.compare(expected, running).stream().map(Object::toString).toList();
        assertThat(differences).containsExactly(
                "service adminer container: expected no such service in the compose files but the host has a container of image adminer:4",
                "service qdrant container: expected a container but the host has none",
                "service redis image: expected redis:7.0.15-bookworm but the host has redis:7.2",
                "service redis ports: expected [] but the host has [6379/tcp -> 0.0.0.0:6379]",
                "service redis healthcheck: expected " + redis.healthcheck() + " but the host has []");
    }

    @Test
    void portsAndDurationsInEveryWrittenForm() {
        assertThat(ServiceShape.port("80:80")).isEqualTo("80/tcp -> 0.0.0.0:80");
        assertThat(ServiceShape.port("127.0.0.1:8080:80/udp")).isEqualTo("80/udp -> 127.0.0.1:8080");
        assertThat(ServiceShape.port(Map.of("target", 443, "published", 8443, "protocol", "tcp")))
                .isEqualTo("443/tcp -> 0.0.0.0:8443");
        assertThat(ServiceShape.duration("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ServiceShape.duration("1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> ServiceShape.duration("5 seconds")))
                .hasMessageContaining("'5 seconds' is not a compose duration");
    }
}
