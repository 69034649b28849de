package io.vpai.harness.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The part of a service that the inventory is judged on — image, networks with their addresses, published ports,
 * health check, mounts, restart policy, startup dependencies — in one normal form, whether read from compose files
 * or from {@code docker inspect} on an engine.
 *
 * @param networks Docker's network name ({@code <project>_backend}) to the fixed address, "" where none is fixed
 * @param ports    {@code 80/tcp -> 0.0.0.0:80}, sorted
 * @param healthcheck the test as Docker stores it, plus {@code interval=…} when one is set; empty when none
 * @param mounts   {@code /data volume}, {@code /etc/caddy/Caddyfile bind ro}; a Docker socket also names its source
 * @param restart  the restart policy, {@code no} when none
 * @param dependsOn service to the condition Compose waits for ({@code service_healthy}, {@code service_started})
 */
public record ServiceShape(String image, Map<String, String> networks, List<String> ports, List<String> healthcheck,
                           List<String> mounts, String restart, Map<String, String> dependsOn) {
    private static final String DOCKER_SOCKET = "docker.sock";

    public ServiceShape {
        networks = new TreeMap<>(networks);
        ports = List.copyOf(new TreeSet<>(ports));
        healthcheck = List.copyOf(healthcheck);
        mounts = List.copyOf(new TreeSet<>(mounts));
        dependsOn = new TreeMap<>(dependsOn);
    }

    /**
     * A mount in normal form. Sources are left out — Compose resolves relative paths and prefixes volume names
     * per project, and an environment may mount its own copy of a file — except for a Docker socket, since who
     * holds the engine's socket is the property that matters.
     */
    public static String mount(String type, String source, String destination, boolean readOnly) {
        String normal = destination + " " + type + (readOnly ? " ro" : "");
        return source != null && source.endsWith(DOCKER_SOCKET) ? normal + " <- " + source : normal;
    }

    /** What the compose files say each service runs as, files merged in order as Compose merges them ({@link ComposeShapes}). */
    public static Map<String, ServiceShape> fromCompose(List<String> composeTexts, String project) {
        return ComposeShapes.read(composeTexts, project);
    }

    /**
     * What an engine runs, per compose service: the running container of each (or the last one seen). Its
     * dependencies are what Compose recorded: v2's label, or — v1 records only the files it read — the
     * {@code depends_on} of those files, read back through {@code readFile}.
     */
    public static Map<String, ServiceShape> fromInspect(List<InspectedContainer> containers,
                                                        Function<String, Optional<String>> readFile) {
        Map<String, ServiceShape> shapes = new TreeMap<>();
        Map<List<String>, Map<String, ServiceShape>> recorded = new HashMap<>();
        for (InspectedContainer c : containers) {
            if (c.service().isEmpty() || (shapes.containsKey(c.service()) && !c.running())) {
                continue;
            }
            Map<String, String> dependsOn = c.dependsOn().orElseGet(() -> recorded
                    .computeIfAbsent(c.configFiles(), files -> fromRecordedFiles(files, c.project(), readFile))
                    .getOrDefault(c.service(), UNKNOWN).dependsOn());
            shapes.put(c.service(), new ServiceShape(c.image(), c.networks(), c.ports(), c.healthcheck(), c.mounts(),
                    c.restart(), dependsOn));
        }
        return shapes;
    }

    /** Stands in for a service whose recorded files cannot be read: its dependencies show as unknown. */
    private static final ServiceShape UNKNOWN = new ServiceShape("", Map.of(), List.of(), List.of(), List.of(), "no",
            Map.of("?", "the compose files Compose recorded could not be read"));

    private static Map<String, ServiceShape> fromRecordedFiles(List<String> files, String project,
                                                               Function<String, Optional<String>> readFile) {
        List<String> texts = new ArrayList<>();
        for (String file : files) {
            Optional<String> text = readFile.apply(file);
            if (text.isEmpty()) {
                return Map.of();
            }
            texts.add(text.get());
        }
        return texts.isEmpty() ? Map.of() : fromCompose(texts, project);
    }

    /** The health check of an inspected container in the same form: Docker keeps the interval in nanoseconds. */
    static List<String> healthcheck(List<String> test, long intervalNanos) {
        List<String> out = new ArrayList<>(test);
        if (!test.isEmpty() && intervalNanos > 0) {
            out.add("interval=" + intervalNanos / 1_000_000 + "ms");
        }
        return out;
    }
}
