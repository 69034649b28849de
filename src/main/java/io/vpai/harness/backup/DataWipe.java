package io.vpai.harness.backup;

import io.vpai.harness.engine.ShellResult;

import io.vpai.harness.model.Service;
import io.vpai.harness.model.Volume;
import io.vpai.harness.stack.RunningStack;
import io.vpai.harness.stack.StackException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The disaster the drill recovers from: the stores' containers and their named volumes removed, then
 * the services recreated by Compose from the shipped file, empty, as on a freshly provisioned host. The
 * stores' real consumers ({@link StoreConsumers}) are stopped first and stay stopped: the restore starts
 * them once the data is back.
 */
public final class DataWipe {
    private static final Duration UP = Duration.ofMinutes(5);
    private static final Duration READY = Duration.ofMinutes(4);

    private DataWipe() {
    }

    /** Removes the services' containers and volumes and recreates them; returns the volumes removed. */
    public static List<String> destroyAndRecreate(BackupDrill drill, List<String> services) {
        RunningStack stack = drill.stack();
        StoreConsumers.stop(stack, StoreConsumers.of(stack, services));
        List<String> removed = new ArrayList<>();
        for (String name : services) {
            Service service = stack.model().service(name)
                    .orElseThrow(() -> new StackException("no service '" + name + "' in the model"));
            // Its probe sidecar shares the namespace of the container about to go: drop it first.
            stack.forgetSidecar(name);
            HostDocker.require("remove the container of " + name, "rm", "-f", "-v", stack.container(name));
            for (Volume volume : service.volumes()) {
                if (volume.isBind()) {
                    continue;
                }
                String docker = volumeName(stack, volume.source());
                HostDocker.require("remove volume " + docker + " of " + name, "volume", "rm", docker);
                if (HostDocker.run("volume", "inspect", docker).ok()) {
                    throw new StackException("volume " + docker + " of " + name + " still exists after docker volume rm");
                }
                removed.add(docker);
            }
        }
        List<String> up = new ArrayList<>(List.of("up", "-d", "--no-build"));
        up.addAll(services);
        stack.compose(UP, up.toArray(String[]::new));
        StoreReadiness.await(stack, services, READY);
        return removed;
    }

    /** The Docker name Compose gave a named volume of this project (labels first, the naming convention else). */
    static String volumeName(RunningStack stack, String composeVolume) {
        String project = stack.run().project();
        ShellResult found = HostDocker.run("volume", "ls", "-q",
                "--filter", "label=com.docker.compose.project=" + project,
                "--filter", "label=com.docker.compose.volume=" + composeVolume);
        String name = found.ok() ? found.output().strip() : "";
        if (name.isEmpty() || name.contains("\n")) {
            return project + "_" + composeVolume;
        }
        return name;
    }
}
