package io.vpai.harness.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One container as {@code docker inspect} describes it, reduced to what the specs and the inventory read.
 *
 * @param networks network name (as Docker names it, {@code <project>_backend}) to the address asked for in the
 *                 compose file ({@code IPAMConfig.IPv4Address}), "" where Docker picked one: the inventory compares
 *                 what was asked for, not what a pool happened to hand out
 * @param ports    published ports as {@code 80/tcp -> 0.0.0.0:80}, sorted
 * @param healthcheck the health-check test as Docker stores it ({@code [CMD-SHELL, pg_isready …]}) and
 *                    {@code interval=…ms} when set, as {@link ServiceShape} compares it; empty if none
 * @param mounts   {@link ServiceShape#mount} normal form of every mount
 * @param restart  the restart policy's name, {@code no} when none
 * @param dependsOn what Compose v2 recorded in its {@code depends_on} label (service to condition); empty
 *                  when the label is absent — Compose v1 records only the files it read ({@code configFiles})
 * @param configFiles the compose files Compose started the container from, absolute paths
 * @param lastHealthOutput what the latest health check printed (abbreviated): the first clue when a service is unhealthy
 */
public record InspectedContainer(String id, String service, String project, String image, String status,
                                 boolean running, String health, Map<String, String> networks, List<String> ports,
                                 List<String> healthcheck, List<String> mounts, String restart,
                                 Optional<Map<String, String>> dependsOn, List<String> configFiles,
                                 String lastHealthOutput) {
    public static final String SERVICE_LABEL = "com.docker.compose.service";
    public static final String PROJECT_LABEL = "com.docker.compose.project";
    static final String DEPENDS_ON_LABEL = "com.docker.compose.depends_on";
    static final String CONFIG_FILES_LABEL = "com.docker.compose.project.config_files";
    static final String WORKING_DIR_LABEL = "com.docker.compose.project.working_dir";
    private static final int HEALTH_OUTPUT_LIMIT = 120;

    public InspectedContainer {
        networks = new TreeMap<>(networks);
        ports = List.copyOf(ports);
        healthcheck = List.copyOf(healthcheck);
        mounts = List.copyOf(new TreeSet<>(mounts));
        configFiles = List.copyOf(configFiles);
    }

    /** The state a spec compares: the health status while running with a health check, else Docker's status. */
    public String state() {
        return running && !health.isEmpty() ? health : status;
    }

    public static List<InspectedContainer> parse(String inspectJson) {
        List<InspectedContainer> containers = new ArrayList<>();
        for (Map<String, Object> c : DockerJson.array(inspectJson, "docker inspect output")) {
            Map<String, Object> labels = DockerJson.map(c, "Config.Labels");
            Map<String, String> networks = new TreeMap<>();
            DockerJson.map(c, "NetworkSettings.Networks").forEach((name, value) -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> settings = value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
                networks.put(name, DockerJson.string(settings, "IPAMConfig.IPv4Address"));
            });
            List<Object> healthLog = DockerJson.list(c, "State.Health.Log");
            String lastOutput = "";
            if (!healthLog.isEmpty() && healthLog.get(healthLog.size() - 1) instanceof Map<?, ?> last) {
                Object output = last.get("Output");
                lastOutput = output == null ? "" : abbreviate(output.toString().strip());
            }
            List<String> test = DockerJson.list(c, "Config.Healthcheck.Test").stream().map(Object::toString).toList();
            Object interval = DockerJson.at(c, "Config.Healthcheck.Interval").orElse(0);
            String restart = DockerJson.string(c, "HostConfig.RestartPolicy.Name");
            containers.add(new InspectedContainer(
                    DockerJson.string(c, "Id"),
                    String.valueOf(labels.getOrDefault(SERVICE_LABEL, "")),
                    String.valueOf(labels.getOrDefault(PROJECT_LABEL, "")),
                    DockerJson.string(c, "Config.Image"),
                    DockerJson.string(c, "State.Status"),
                    Boolean.TRUE.equals(DockerJson.at(c, "State.Running").orElse(false)),
                    DockerJson.string(c, "State.Health.Status"),
                    networks, ports(c),
                    ServiceShape.healthcheck(test, interval instanceof Number n ? n.longValue() : 0),
                    mounts(c), restart.isEmpty() ? "no" : restart,
                    dependsOn(labels), configFiles(labels), lastOutput));
        }
        return containers;
    }

    private static List<String> ports(Map<String, Object> c) {
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
        return List.copyOf(ports);
    }

    private static List<String> mounts(Map<String, Object> c) {
        List<String> mounts = new ArrayList<>();
        for (Object entry : DockerJson.list(c, "Mounts")) {
            if (entry instanceof Map<?, ?> m) {
                mounts.add(ServiceShape.mount(String.valueOf(m.get("Type")), String.valueOf(m.get("Source")),
                        String.valueOf(m.get("Destination")), Boolean.FALSE.equals(m.get("RW"))));
            }
        }
        return mounts;
    }

    /** Compose v2's label: {@code postgresql:service_healthy:false,redis:service_healthy:false}. */
    static Optional<Map<String, String>> dependsOn(Map<String, Object> labels) {
        Object label = labels.get(DEPENDS_ON_LABEL);
        if (label == null) {
            return Optional.empty();
        }
        Map<String, String> dependsOn = new LinkedHashMap<>();
        for (String entry : label.toString().split(",")) {
            String[] parts = entry.split(":");
            if (!parts[0].isBlank()) {
                dependsOn.put(parts[0], parts.length > 1 ? parts[1] : "service_started");
            }
        }
        return Optional.of(dependsOn);
    }

    private static List<String> configFiles(Map<String, Object> labels) {
        Object files = labels.get(CONFIG_FILES_LABEL);
        if (files == null || files.toString().isBlank()) {
            return List.of();
        }
        String workingDir = String.valueOf(labels.getOrDefault(WORKING_DIR_LABEL, ""));
        List<String> paths = new ArrayList<>();
        for (String file : files.toString().split(",")) {
            paths.add(file.startsWith("/") || workingDir.isEmpty() ? file : workingDir + "/" + file);
        }
        return paths;
    }

    static String abbreviate(String text) {
        String line = text.replace('\n', ' ');
        return line.length() <= HEALTH_OUTPUT_LIMIT ? line : line.substring(0, HEALTH_OUTPUT_LIMIT - 3) + "...";
    }
}
