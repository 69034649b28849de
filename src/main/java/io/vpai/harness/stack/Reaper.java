package io.vpai.harness.stack;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Removes what earlier runs left behind (a JVM killed with SIGKILL never reaches its teardown): every
 * container, network and volume that carries the harness label or belongs to a harness compose project.
 */
public final class Reaper {
    private final DockerClient docker;

    public Reaper(DockerClient docker) {
        this.docker = docker;
    }

    /** Removes every harness resource except those of {@code keepRunId} (null keeps none); returns what it removed. */
    public List<String> reap(String keepRunId, Consumer<String> log) {
        List<String> removed = new ArrayList<>();
        for (Container c : docker.listContainersCmd().withShowAll(true).exec()) {
            if (ours(c.getLabels(), keepRunId)) {
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                removed.add("container " + String.join(",", c.getNames()));
            }
        }
        for (Network n : docker.listNetworksCmd().exec()) {
            if (ours(n.getLabels(), keepRunId)) {
                docker.removeNetworkCmd(n.getId()).exec();
                removed.add("network " + n.getName());
            }
        }
        var volumes = docker.listVolumesCmd().exec().getVolumes();
        if (volumes != null) {
            for (var v : volumes) {
                if (ours(v.getLabels(), keepRunId)) {
                    docker.removeVolumeCmd(v.getName()).exec();
                    removed.add("volume " + v.getName());
                }
            }
        }
        removed.forEach(r -> log.accept("reaped leftover " + r));
        return removed;
    }

    private static boolean ours(Map<String, String> labels, String keepRunId) {
        if (labels == null) {
            return false;
        }
        String run = labels.get(RunLabels.RUN);
        String project = labels.getOrDefault(RunLabels.COMPOSE_PROJECT, "");
        boolean harness = run != null || labels.containsKey(RunLabels.HARNESS)
                || project.startsWith(RunLabels.PROJECT_PREFIX);
        if (!harness) {
            return false;
        }
        if (keepRunId == null) {
            return true;
        }
        return !keepRunId.equals(run) && !project.equals(RunLabels.PROJECT_PREFIX + keepRunId);
    }
}
