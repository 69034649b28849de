package io.vpai.harness.ssh;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.engine.DockerEvents;

import io.vpai.harness.inventory.InspectedContainer;
import io.vpai.harness.engine.ContainerEvent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What the docker CLI prints on a host, read back: {@code docker inspect} and {@code docker events}. */
@Tag("gate")
@DisplayName("docker inspect and docker events, read back from a host")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.SSH)
class DockerReadingsTest {
    /** Two containers as {@code docker inspect} prints them, trimmed to the fields the target reads. */
    static final String INSPECT = """
            [
                {
                    "Id": "aaa111",
                    "Config": {
                        "Image": "postgres:15.14-bookworm",
                        "Labels": {"com.docker.compose.project": "sese-ai", "com.docker.compose.service": "postgresql"},
                        "Healthcheck": {"Test": ["CMD-SHELL", "pg_isready -h 127.0.0.1 -U postgres"], "Interval": 5000000000}
                    },
                    "State": {"Status": "running", "Running": true,
                              "Health": {"Status": "healthy", "Log": [{"ExitCode": 0, "Output": "127.0.0.1:5432 - accepting connections\\n"}]}},
                    "HostConfig": {"PortBindings": {}},
                    "NetworkSettings": {"Networks": {
                        "sese-ai_backend": {"IPAMConfig": {"IPv4Address": "172.20.2.20"}, "IPAddress": "172.20.2.20"}}}
                },
                {
                    "Id": "bbb222",
                    "Config": {
                        "Image": "caddy:2.10.2-alpine",
                        "Labels": {"com.docker.compose.project": "sese-ai", "com.docker.compose.service": "caddy"},
                        "Healthcheck": null
                    },
                    "State": {"Status": "exited", "Running": false},
                    "HostConfig": {"PortBindings": {
                        "443/udp": [{"HostIp": "", "HostPort": "443"}],
                        "80/tcp": [{"HostIp": "127.0.0.1", "HostPort": "8080"}]}},
                    "NetworkSettings": {"Networks": {"bridge": {"IPAMConfig": null, "IPAddress": "172.17.0.3"}}}
                }
            ]
            """;

    @Test
    void inspectOutputIsReadIntoContainers() {
        List<InspectedContainer> containers = InspectedContainer.parse(INSPECT);
        assertThat(containers).hasSize(2);
        InspectedContainer postgres = containers.get(0);
        assertThat(postgres.service()).isEqualTo("postgresql");
        assertThat(postgres.project()).isEqualTo("sese-ai");
        assertThat(postgres.state()).isEqualTo("healthy");
        assertThat(postgres.networks()).isEqualTo(Map.of("sese-ai_backend", "172.20.2.20"));
        assertThat(postgres.healthcheck()).containsExactly("CMD-SHELL", "pg_isready -h 127.0.0.1 -U postgres", "interval=5000ms");
        assertThat(postgres.lastHealthOutput()).isEqualTo("127.0.0.1:5432 - accepting connections");

        InspectedContainer caddy = containers.get(1);
        assertThat(caddy.state()).as("no health check, not running: Docker's status").isEqualTo("exited");
        assertThat(caddy.ports()).containsExactly("443/udp -> 0.0.0.0:443", "80/tcp -> 127.0.0.1:8080");
        assertThat(caddy.networks()).as("an address Docker picked is not one the file asked for").containsEntry("bridge", "");
        assertThat(caddy.healthcheck()).isEmpty();
    }

    @Test
    void notJsonIsOneClearError() {
        assertThat(catchThrowableOfType(io.vpai.harness.inventory.DockerOutputException.class, () -> InspectedContainer.parse("Error: No such object: x")))
                .hasMessageStartingWith("cannot read docker inspect output as JSON: ");
    }

    @Test
    void eventsAreReadKeptByKindAndSortedByTime() {
        String lines = String.join("\n",
                event("health_status: healthy", "redis", 1700000002_000000000L),
                event("exec_start: /bin/sh -c redis-cli ping", "redis", 1700000001_500000000L),
                event("start", "redis", 1700000001_000000000L),
                "{\"Type\":\"network\",\"Action\":\"connect\",\"Actor\":{\"Attributes\":{}},\"timeNano\":1700000000000000000}",
                "",
                event("die", "n8n", 1700000003_250000000L),
                event("create", "postgresql", 1700000000_000000001L));
        List<ContainerEvent> events = DockerEvents.parse(lines);
        assertThat(events).containsExactly(
                new ContainerEvent(Instant.ofEpochSecond(1700000000L, 1), "postgresql", ContainerEvent.Kind.CREATED),
                new ContainerEvent(Instant.ofEpochSecond(1700000001L), "redis", ContainerEvent.Kind.STARTED),
                new ContainerEvent(Instant.ofEpochSecond(1700000002L), "redis", ContainerEvent.Kind.HEALTHY),
                new ContainerEvent(Instant.ofEpochSecond(1700000003L, 250_000_000), "n8n", ContainerEvent.Kind.DIED));
    }

    private static String event(String action, String service, long timeNano) {
        return "{\"status\":\"" + action + "\",\"Type\":\"container\",\"Action\":\"" + action + "\",\"Actor\":{\"ID\":\"x\","
                + "\"Attributes\":{\"com.docker.compose.project\":\"sese-ai\",\"com.docker.compose.service\":\"" + service
                + "\"}},\"time\":" + timeNano / 1_000_000_000L + ",\"timeNano\":" + timeNano + "}";
    }
}
