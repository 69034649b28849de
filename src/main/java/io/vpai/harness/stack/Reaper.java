package io.vpai.harness.stack;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Removes what harness runs left behind. At start (under the machine lock, so nobody alive owns
 * them) every resource carrying the harness label or belonging to a harness compose project goes:
 * that is how a run killed with SIGKILL gets cleaned. At the end, a run removes only its own.
 */
public final class Reaper {
    private final DockerClient docker;

    public Reaper(DockerClient docker) {
        this.docker = docker;
    }

    /** Every harness resource on the engine; call only while holding the {@link MachineLock}. */
    public List<String> reapAll(Consumer<String> log) {
        return remove(Reaper::harness, "reaped leftover ", log);
    }

    /** What one run created: the safety net after its compose down. */
    public List<String> reapRun(String runId, Consumer<String> log) {
        String project = RunLabels.PROJECT_PREFIX + runId;
        return remove(labels -> runId.equals(labels.get(RunLabels.RUN))
                || project.equals(labels.get(RunLabels.COMPOSE_PROJECT)), "removed left-over ", log);
    }

    private List<String> remove(Predicate<Map<String, String>> selected, String verb, Consumer<String> log) {
        Predicate<Map<String, String>> matches = labels -> labels != null && selected.test(labels);
        List<String> removed = new ArrayList<>();
        for (Container c : docker.listContainersCmd().withShowAll(true).exec()) {
            if (matches.test(c.getLabels())) {
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                removed.add("container " + String.join(",", c.getNames()));
            }
        }
        for (Network n : docker.listNetworksCmd().exec()) {
            if (matches.test(n.getLabels())) {
                docker.removeNetworkCmd(n.getId()).exec();
                removed.add("network " + n.getName());
            }
        }
        var volumes = docker.listVolumesCmd().exec().getVolumes();
        for (var v : volumes == null ? List.<com.github.dockerjava.api.command.InspectVolumeResponse>of() : volumes) {
            if (matches.test(v.getLabels())) {
                docker.removeVolumeCmd(v.getName()).exec();
                removed.add("volume " + v.getName());
            }
        }
        removed.forEach(r -> log.accept(verb + r));
        return removed;
    }

    private static boolean harness(Map<String, String> labels) {
        return labels.containsKey(RunLabels.HARNESS) || labels.containsKey(RunLabels.RUN)
                || labels.getOrDefault(RunLabels.COMPOSE_PROJECT, "").startsWith(RunLabels.PROJECT_PREFIX);
    }
}
