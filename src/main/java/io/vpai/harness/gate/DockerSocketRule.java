package io.vpai.harness.gate;

import io.vpai.harness.baseline.ArchitectureBaseline;
import io.vpai.harness.check.Finding;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Volume;

import java.util.ArrayList;
import java.util.List;

/**
 * The Docker socket is root on the host. The seed gives it to DIUN alone, which only reads image
 * metadata, so the mount is read-only and no other container — on the VPS or Seko-VPN — has one.
 */
public final class DockerSocketRule implements GateRule {
    public static final String ID = "docker-socket.diun-only-readonly";
    /** The socket's host paths; /run is where /var/run points on current distributions. */
    static final List<String> DOCKER_SOCKET_PATHS = List.of("/var/run/docker.sock", "/run/docker.sock");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "the Docker socket is mounted only into " + ArchitectureBaseline.DOCKER_SOCKET_SERVICE + ", read-only";
    }

    @Override
    public List<Finding> evaluate(Stack stack) {
        List<Finding> findings = new ArrayList<>();
        for (Service service : stack.services()) {
            judge(findings, "service", service.name(), service.volumes());
        }
        for (Stack.SekoService service : stack.seko()) {
            judge(findings, "Seko-VPN service", service.name(), service.volumes());
        }
        if (findings.isEmpty()) {
            findings.add(Finding.pass(ID, "docker socket", "no container mounts the Docker socket"));
        }
        return findings;
    }

    private static void judge(List<Finding> findings, String kind, String name, List<Volume> volumes) {
        for (Volume volume : volumes) {
            if (!isDockerSocket(volume)) {
                continue;
            }
            String what = kind + " '" + name + "' mounts " + volume.compose();
            if (!name.equals(ArchitectureBaseline.DOCKER_SOCKET_SERVICE)) {
                findings.add(Finding.fail(ID, name, what + "; only " + ArchitectureBaseline.DOCKER_SOCKET_SERVICE
                        + " may mount the Docker socket, as " + ArchitectureBaseline.says("section 1") + " has it"));
            } else if (!volume.readOnly()) {
                findings.add(Finding.fail(ID, name, what + " read-write; it must be read-only (:ro)"));
            } else {
                findings.add(Finding.pass(ID, name, what + " read-only"));
            }
        }
    }

    private static boolean isDockerSocket(Volume volume) {
        return DOCKER_SOCKET_PATHS.contains(volume.source())
                || DOCKER_SOCKET_PATHS.contains(volume.target());
    }
}
