package io.vpai.harness.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One container as {@code docker inspect} describes it, reduced to what the specs and the drift check read.
 *
 * @param networks network name (as Docker names it, {@code <project>_backend}) to the address asked for in the
 *                 compose file ({@code IPAMConfig.IPv4Address}), "" where Docker picked one: drift compares what
 *                 was asked for, not what a pool happened to hand out
 * @param ports    published ports as {@code 80/tcp -> 0.0.0.0:80}, sorted
 * @param healthcheck the health-check test as Docker stores it ({@code [CMD-SHELL, pg_isready …]}) and
 *                    {@code interval=…ms} when set, as {@link ServiceShape} compares it; empty if none
 * @param lastHealthOutput what the latest health check printed (abbreviated): the first clue when a service is unhealthy
 */
public record InspectedContainer(String id, String service, String project, String image, String status,
                                 boolean running, String health, Map<String, String> networks, List<String> ports,
                                 List<String> healthcheck, String lastHealthOutput) {
    static final String SERVICE_LABEL = "com.docker.compose.service";
    static final String PROJECT_LABEL = "com.docker.compose.project";

    /** The state a spec compares: the health status while running with a health check, else Docker's status. */
    public String state() {
        return running && !health.isEmpty() ? health : status;
    }

    static List<InspectedContainer> parse(String inspectJson) {
        List<InspectedContainer> containers = new ArrayList<>();
        for (Map<String, Object> c : DockerJson.array(inspectJson, "docker inspect output")) {
            Map<String, Object> labels = DockerJson.map(c, "Config.Labels");
            Map<String, String> networks = new TreeMap<>();
            DockerJson.map(c, "NetworkSettings.Networks").forEach((name, value) -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> settings = value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
                networks.put(name, DockerJson.string(settings, "IPAMConfig.IPv4Address"));
            });
            TreeSet<String> ports = new TreeSet<>();
            DockerJson.map(c, "HostConfig.PortBindings").forEach((port, bindings) -> {
                if (bindings instanceof List<?> list) {
                    for (Object binding : list) {
                        if (binding instanceof Map<?, ?> b) {
                            Object ip = b.get("HostIp");
                            ports.add(port + " -> " + (ip == null || ip.toString().isEmpty() ? "0.0.0.0" : ip) + ":"
                                    + b.get("HostPort"));
                        }
                    }
                }
            });
            List<String> test = DockerJson.list(c, "Config.Healthcheck.Test").stream().map(Object::toString).toList();
            Object interval = DockerJson.at(c, "Config.Healthcheck.Interval").orElse(0);
            long intervalNanos = interval instanceof Number n ? n.longValue() : 0;
            List<Object> healthLog = DockerJson.list(c, "State.Health.Log");
            String lastOutput = "";
            if (!healthLog.isEmpty() && healthLog.get(healthLog.size() - 1) instanceof Map<?, ?> last) {
                Object output = last.get("Output");
                lastOutput = output == null ? "" : SshConnection.abbreviate(output.toString().strip());
            }
            containers.add(new InspectedContainer(
                    DockerJson.string(c, "Id"),
                    String.valueOf(labels.getOrDefault(SERVICE_LABEL, "")),
                    String.valueOf(labels.getOrDefault(PROJECT_LABEL, "")),
                    DockerJson.string(c, "Config.Image"),
                    DockerJson.string(c, "State.Status"),
                    Boolean.TRUE.equals(DockerJson.at(c, "State.Running").orElse(false)),
                    DockerJson.string(c, "State.Health.Status"),
                    networks, List.copyOf(ports), ServiceShape.healthcheck(test, intervalNanos),
                    lastOutput));
        }
        return containers;
    }
}
