package io.vpai.harness.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import static io.vpai.harness.engine.ShellWords.quote;

/**
 * The probe containers the harness adds to an engine: one sidecar per source service, sharing that service's
 * network namespace ({@code --network container:ID}), so a probe sees exactly what the service sees whatever its
 * image contains; and one prober that joins any namespace itself. Both run the probe image with {@code --rm} and a
 * bounded {@code sleep}, so one a vanished JVM left ends by itself; labelled, so the local reaper removes them
 * sooner on this machine.
 */
public final class Sidecars implements AutoCloseable {
    /** A sidecar outlives a vanished JVM by this much at most. */
    public static final Duration LIFETIME = Duration.ofHours(6);
    private static final String ALL_NAMESPACES = " all namespaces";

    private final DockerEngine engine;
    private final String project;
    private final String image;
    private final String namePrefix;
    private final Map<String, String> labels;
    private final Function<String, String> containerOf;
    private final Runnable containersChanged;
    private final Map<String, String> started = new ConcurrentHashMap<>();
    private final AcrossNamespaces across;
    private volatile boolean imageChecked;

    /**
     * @param namePrefix  container names start with it (the project and an instance tag: two targets on one engine)
     * @param labels      put on every sidecar, for the reaper
     * @param containerOf a service's running container, looked up when a sidecar starts
     * @param containersChanged told when a sidecar lost its namespace owner: its container was replaced
     */
    public Sidecars(DockerEngine engine, String project, String image, String namePrefix, Map<String, String> labels,
                    Function<String, String> containerOf, Runnable containersChanged) {
        this.engine = engine;
        this.project = project;
        this.image = image;
        this.namePrefix = namePrefix;
        this.labels = new TreeMap<>(labels);
        this.containerOf = containerOf;
        this.containersChanged = containersChanged;
        this.across = new AcrossNamespaces(engine, project,
                () -> started.computeIfAbsent(ALL_NAMESPACES, k -> startProber()));
    }

    /**
     * Runs {@code script} in the sidecar of {@code service}. When the service was recreated its sidecar went with the
     * old namespace: one fresh sidecar, one retry.
     */
    public ShellResult run(String service, String script, Duration timeout) {
        ShellResult result = engine.exec(started.computeIfAbsent(service, this::start), script, timeout);
        if (!result.ok() && (result.stderr().contains("is not running") || result.stderr().contains("No such container"))) {
            forget(service);
            containersChanged.run();
            result = engine.exec(started.computeIfAbsent(service, this::start), script, timeout);
        }
        return result;
    }

    /** Drops the sidecar of a service whose namespace owner was restarted or recreated. */
    public void forget(String service) {
        across.forget(service);
        String id = started.remove(service);
        if (id != null) {
            engine.shell().run("docker rm -f " + quote(id), Duration.ofSeconds(30));
        }
    }

    /**
     * The prober that joins each source's namespace through {@code /proc/PID/ns/net} (see {@link AcrossNamespaces}
     * for how a restarted container is noticed). It sees the host's processes, holds CAP_SYS_ADMIN (setns) and
     * CAP_SYS_PTRACE (a process of another user), and has no network.
     */
    public NamespaceProber acrossNamespaces() {
        return across;
    }

    private String start(String service) {
        return docker(service, "--network " + quote("container:" + containerOf.apply(service)));
    }

    private String startProber() {
        return docker("probe-all-namespaces", "--network none --pid host --cap-add SYS_ADMIN --cap-add SYS_PTRACE");
    }

    private String docker(String suffix, String options) {
        if (!imageChecked) {
            if (!engine.imagePresent(image)) {
                throw new EngineException(engine.shell().describe() + ": the probe image " + image
                        + " is not on the host; load it there (docker save " + image + " | ssh HOST docker load)"
                        + " or name another with -Dvpai.ssh.probeImage");
            }
            imageChecked = true;
        }
        String name = namePrefix + "-" + suffix.replace(' ', '-');
        StringBuilder labelled = new StringBuilder();
        labels.forEach((key, value) -> labelled.append(" --label ").append(quote(key + "=" + value)));
        return engine.require("docker rm -f " + quote(name) + " >/dev/null 2>&1; docker run -d --rm --name " + quote(name)
                + labelled + " " + options + " " + quote(image) + " sleep " + LIFETIME.toSeconds(),
                "start a probe container " + name).stdout().strip();
    }

    /** Removes every probe container this set started. */
    @Override
    public void close() {
        across.close();
        if (started.isEmpty()) {
            return;
        }
        try {
            engine.shell().run("docker rm -f " + ShellWords.join(List.copyOf(started.values())) + " >/dev/null",
                    Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            // the connection may be gone; the labels let the next run find them
        } finally {
            started.clear();
        }
    }
}
