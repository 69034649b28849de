package io.vpai.harness.gate;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Volume;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.vpai.harness.check.FindingsAssert.assertThatFindings;
import static io.vpai.harness.check.Status.PASS;

@Tag("gate")
@DisplayName("Gate rule: only DIUN mounts the Docker socket, read-only")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.GATE_RULES)
class DockerSocketRuleTest {
    private static final Volume SOCKET_RW = Volume.bind("/var/run/docker.sock", "/var/run/docker.sock", false);
    private final Stack vpai = VpaiStack.model();
    private final DockerSocketRule rule = new DockerSocketRule();

    @Test
    void inTheSeedModelOnlyDiunMountsTheSocketReadOnly() {
        assertThatFindings(rule.evaluate(vpai)).allPass()
                .hasFinding(PASS, "diun", "service 'diun' mounts /var/run/docker.sock:/var/run/docker.sock:ro read-only");
    }

    @Test
    void anotherServiceMountingTheSocketFails() {
        Stack broken = vpai.withService("grafana", s -> {
            List<Volume> volumes = new ArrayList<>(s.volumes());
            volumes.add(Volume.bind("/var/run/docker.sock", "/var/run/docker.sock", true));
            return s.withVolumes(volumes);
        });
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("grafana", "service 'grafana' mounts /var/run/docker.sock:/var/run/docker.sock:ro; "
                        + "only diun may mount the Docker socket, as the architecture baseline (section 1) has it")
                .failsOnlyAbout("grafana");
    }

    @Test
    void diunWithAWritableSocketFails() {
        Stack broken = vpai.withService("diun", s -> s.withVolumes(s.volumes().stream()
                .map(v -> v.source().equals("/var/run/docker.sock") ? SOCKET_RW : v).toList()));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("diun", "service 'diun' mounts /var/run/docker.sock:/var/run/docker.sock read-write; "
                        + "it must be read-only (:ro)");
    }
}
