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

    /** Every entry of {@code docker inspect} output; text that is not that JSON is one {@link DockerOutputException}. */
    public static List<InspectedContainer> parse(String inspectJson) {
        List<InspectedContainer> containers = new ArrayList<>();
        for (DockerInspect c : DockerJson.readList(inspectJson, DockerInspect.class, "docker inspect output")) {
            containers.add(of(c));
        }
        return containers;
    }

    private static InspectedContainer of(DockerInspect c) {
        DockerInspect.Config config = c.configOrEmpty();
        DockerInspect.State state = c.stateOrEmpty();
        Map<String, String> labels = c.labels();
        Map<String, String> networks = new TreeMap<>();
        c.networks().forEach((name, endpoint) -> networks.put(name,
                endpoint == null || endpoint.ipamConfig() == null ? "" : text(endpoint.ipamConfig().ipv4Address())));
        DockerInspect.Health health = state.health();
        List<DockerInspect.HealthLog> log = health == null || health.log() == null ? List.of() : health.log();
        DockerInspect.HealthLog last = log.isEmpty() ? null : log.get(log.size() - 1);
        String lastOutput = last == null || last.output() == null ? "" : abbreviate(last.output().strip());
        DockerInspect.Healthcheck check = config.healthcheck();
        List<String> test = check == null || check.test() == null ? List.of() : check.test();
        DockerInspect.RestartPolicy policy = c.hostConfigOrEmpty().restartPolicy();
        String restart = policy == null ? "" : text(policy.name());
        return new InspectedContainer(text(c.id()), labels.getOrDefault(SERVICE_LABEL, ""),
                labels.getOrDefault(PROJECT_LABEL, ""), text(config.image()), text(state.status()), state.running(),
                health == null ? "" : text(health.status()), networks, ports(c),
                ServiceShape.healthcheck(test, check == null ? 0 : check.interval()),
                mounts(c), restart.isEmpty() ? "no" : restart, dependsOn(labels), configFiles(labels), lastOutput);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static List<String> ports(DockerInspect c) {
        TreeSet<String> ports = new TreeSet<>();
        Map<String, List<DockerInspect.PortBinding>> bindings = c.hostConfigOrEmpty().portBindings();
        if (bindings != null) {
            bindings.forEach((port, list) -> {
                for (DockerInspect.PortBinding b : list == null ? List.<DockerInspect.PortBinding>of() : list) {
                    String ip = b.hostIp() == null || b.hostIp().isEmpty() ? "0.0.0.0" : b.hostIp();
                    ports.add(port + " -> " + ip + ":" + b.hostPort());
                }
            });
        }
        return List.copyOf(ports);
    }

    private static List<String> mounts(DockerInspect c) {
        List<String> mounts = new ArrayList<>();
        for (DockerInspect.Mount m : c.mountsOrEmpty()) {
            mounts.add(ServiceShape.mount(String.valueOf(m.type()), String.valueOf(m.source()),
                    String.valueOf(m.destination()), Boolean.FALSE.equals(m.rw())));
        }
        return mounts;
    }

    /** Compose v2's label: {@code postgresql:service_healthy:false,redis:service_healthy:false}. */
    static Optional<Map<String, String>> dependsOn(Map<String, String> labels) {
        String label = labels.get(DEPENDS_ON_LABEL);
        if (label == null) {
            return Optional.empty();
        }
        Map<String, String> dependsOn = new LinkedHashMap<>();
        for (String entry : label.split(",")) {
            String[] parts = entry.split(":");
            if (!parts[0].isBlank()) {
                dependsOn.put(parts[0], parts.length > 1 ? parts[1] : "service_started");
            }
        }
        return Optional.of(dependsOn);
    }

    private static List<String> configFiles(Map<String, String> labels) {
        String files = labels.get(CONFIG_FILES_LABEL);
        if (files == null || files.isBlank()) {
            return List.of();
        }
        String workingDir = labels.getOrDefault(WORKING_DIR_LABEL, "");
        List<String> paths = new ArrayList<>();
        for (String file : files.split(",")) {
            paths.add(file.startsWith("/") || workingDir.isEmpty() ? file : workingDir + "/" + file);
        }
        return paths;
    }

    static String abbreviate(String text) {
        String line = text.replace('\n', ' ');
        return line.length() <= HEALTH_OUTPUT_LIMIT ? line : line.substring(0, HEALTH_OUTPUT_LIMIT - 3) + "...";
    }
}
