package io.vpai.harness.ssh;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.wait.Poll;

import io.vpai.harness.engine.ContainerState;

import io.vpai.harness.environment.HostKeyPolicy;
import io.vpai.harness.environment.SshEndpoint;
import io.vpai.harness.model.ModelValidator;
import io.vpai.harness.model.Network;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.target.Target;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The SSH target's reading side against a scripted shell: which commands it sends and how it reads the answers. */
@Tag("gate")
@DisplayName("The SSH target's reading side against a scripted shell")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.SSH)
class SshTargetReadOnlyTest {
    static final Stack MODEL = ModelValidator.validate(VpaiStack.model());
    static final SshSettings SETTINGS = new SshSettings("sese-ai", "/opt/vpai", "vpai/probe:1", Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(30), Optional.empty(), Map.of());

    static SshEndpoint endpoint(String environment, boolean destructive) {
        return new SshEndpoint(environment, "host.example.invalid", 22, "mobuone", Path.of("/keys/id"),
                new HostKeyPolicy.Fingerprint(PinnedHostKeysTest.ED25519_FINGERPRINT), destructive);
    }

    private static FakeShell withTwoContainers() {
        return FakeShell.scripted()
                .answer("docker ps -a -q --no-trunc --filter 'label=com.docker.compose.project=sese-ai'", 0, "aaa111\nbbb222\n")
                .answer("docker inspect 'aaa111' 'bbb222'", 0, DockerReadingsTest.INSPECT);
    }

    @Test
    @DisplayName("states: every model service, absent unless the host runs it")
    void statesCoverEveryModelService() {
        FakeShell shell = withTwoContainers();
        Map<String, ContainerState> states = SshTarget.over(shell, endpoint("preprod", true), MODEL, SETTINGS).states();
        assertThat(states).containsEntry("postgresql", ContainerState.HEALTHY).containsEntry("caddy", ContainerState.EXITED)
                .containsEntry("redis", ContainerState.ABSENT);
        assertThat(states.keySet()).containsAll(MODEL.services().stream().map(s -> s.name()).toList());
    }

    @Test
    void waitingForReadinessEndsAtTheDeadlineNamingWhatWaits() {
        SshTarget target = SshTarget.over(withTwoContainers(), endpoint("preprod", true), MODEL, SETTINGS);
        Poll.WaitTimeout e = catchThrowableOfType(Poll.WaitTimeout.class,
                () -> target.awaitReady(Duration.ofMillis(10), l -> { }));
        assertThat(e).hasMessageStartingWith("every service of project sese-ai on root@fake.invalid:22 (fake) ready: ")
                .hasMessageContaining("caddy (exited)").hasMessageContaining("redis (absent)")
                .as("postgresql is ready: named only as what others wait on")
                .hasMessageNotContaining("; postgresql (").hasMessageNotContaining("waiting: postgresql (");
    }

    @Test
    @DisplayName("a probe runs in a sidecar on the service's network namespace, fed its script on stdin")
    void probesRunInASidecar() {
        FakeShell shell = withTwoContainers()
                .answer("docker image inspect --format '{{.Id}}' 'vpai/probe:1'", 0, "sha256:1\n")
                .answer("docker rm -f 'vpai-harness-probe-sese-ai-", 0, "sidecar1\n")
                .answer("docker exec -i 'sidecar1' bash -s", 0, "0 open\n");
        SshTarget target = SshTarget.over(shell, endpoint("production", false), MODEL, SETTINGS);
        assertThat(target.probeFrom("postgresql", "echo hi", Duration.ofSeconds(5)).output()).isEqualTo("0 open\n");
        target.probeFrom("postgresql", "echo again", Duration.ofSeconds(5));
        assertThat(shell.commands()).filteredOn(c -> c.contains("docker run")).singleElement().satisfies(c -> assertThat(c)
                .contains("--network 'container:aaa111'", "--label 'io.vpai.harness=true'",
                        "--label 'io.vpai.harness.probe-for=sese-ai'", "--rm", "'vpai/probe:1' sleep 21600"));
    }

    @Test
    void aProbeImageMissingOnTheHostSaysHowToLoadIt() {
        FakeShell shell = withTwoContainers().answer("docker image inspect", 1, "");
        SshTarget target = SshTarget.over(shell, endpoint("preprod", true), MODEL, SETTINGS);
        assertThat(catchThrowableOfType(io.vpai.harness.engine.EngineException.class, () -> target.probeFrom("postgresql", "true", Duration.ofSeconds(1))))
                .hasMessageContaining("the probe image vpai/probe:1 is not on the host; load it there (docker save vpai/probe:1"
                        + " | ssh HOST docker load)");
        assertThat(shell.commands()).noneMatch(c -> c.contains("docker run"));
    }

    @Test
    @DisplayName("probes may aim at the host's stack networks, and at fixtures only where the harness deployed them")
    void probeableNetworks() {
        SshTarget target = SshTarget.over(FakeShell.forbidden(), endpoint("production", false), MODEL, SETTINGS);
        assertThat(target.probeableNetworks()).containsExactlyElementsOf(MODEL.networks().stream().map(Network::subnet).toList());
        assertThat(target.fixtures()).isEmpty();
    }

    @Test
    @DisplayName("row counts run read-only, with identifiers checked before anything is sent")
    void rowCountsAreReadOnly() {
        FakeShell shell = withTwoContainers()
                .answer("docker exec -e 'PGOPTIONS=-c default_transaction_read_only=on' 'aaa111' psql -U 'postgres' -d 'n8n'"
                        + " -v ON_ERROR_STOP=1 -Atc 'SELECT to_regclass", 0, "t\n")
                .answer("docker exec -e 'PGOPTIONS=-c default_transaction_read_only=on' 'aaa111' psql -U 'postgres' -d 'n8n'"
                        + " -v ON_ERROR_STOP=1 -Atc 'SELECT count(*)", 0, "42\n");
        SshTarget target = SshTarget.over(shell, endpoint("preprod", true), MODEL, SETTINGS);
        assertThat(RowCounts.count(target, "postgresql", "postgres", "n8n", "workflow_entity")).contains(42L);
        int sent = shell.commands().size();
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> RowCounts.count(target, "postgresql", "postgres", "n8n", "x; DROP TABLE y")))
                .hasMessageContaining("is not a plain SQL identifier");
        assertThat(shell.commands()).hasSize(sent);
    }

    @Test
    @DisplayName("restart on a read-only host is refused before any command is sent")
    void restartIsRefusedOnAReadOnlyHost() {
        FakeShell shell = FakeShell.forbidden();
        SshTarget target = SshTarget.over(shell, endpoint("staging", false), MODEL, SETTINGS);
        assertThat(target.destructive()).isEmpty();
        assertThat(target.destructiveAllowed()).isFalse();
        assertThat(catchThrowableOfType(Target.DestructiveRefused.class, () -> target.requireDestructive("restart redis")))
                .hasMessage("environment 'staging' is read-only: refusing to restart redis");
        assertThat(shell.commands()).isEmpty();
    }

    @Test
    void aDestructiveEnvironmentGetsTheCapability() {
        SshTarget target = SshTarget.over(FakeShell.forbidden(), endpoint("preprod", true), MODEL, SETTINGS);
        assertThat(target.destructive()).hasValueSatisfying(access -> assertThat(access.target()).isSameAs(target));
        assertThat(target.destructiveAllowed()).isTrue();
    }
}
