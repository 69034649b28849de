package io.vpai.harness.stack;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import com.github.dockerjava.api.DockerClient;
import io.vpai.harness.images.OfflineImages;
import io.vpai.harness.support.RequiresDocker;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM killed with SIGKILL mid-run never reaches its teardown: its lock must be free again and the
 * next run's start must remove what it left. Runs in its own JVM (surefire execution "isolated"),
 * because a JVM that already holds the machine lock cannot take it a second time.
 */
@Tag("isolated")
@RequiresDocker
@DisplayName("A run killed with SIGKILL leaves nothing the next start does not reap")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.CONTAINER_STACK)
class SigkillRecoverySpec {
    @Test
    void aRunKilledWithSigkillIsReapedByTheNextStart() throws Exception {
        DockerClient docker = DockerClientFactory.instance().client();
        String image = OfflineImages.build(Path.of("").toAbsolutePath(), "probe", line -> { });
        RunLabels killed = new RunLabels("k" + System.nanoTime() % 1_000_000_000L);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LeftoverMaker.class.getName(), killed.runId(), image)
                .redirectErrorStream(true).start();
        try {
            awaitReady(child);
            child.destroyForcibly();  // SIGKILL: no shutdown hook, no teardown
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(labelled(docker, killed)).as("what the killed run left behind").hasSize(3);

            // What every start does: take the lock (the kernel freed it with the process), reap.
            try (MachineLock lock = MachineLock.acquire(Duration.ofMinutes(30), line -> { })) {
                List<String> reaped = new Reaper(docker).reapAll(line -> { });
                assertThat(reaped).as("reaped at start").anyMatch(r -> r.contains(killed.project()));
            }
            assertThat(labelled(docker, killed)).as("left after the next start's reaping").isEmpty();
        } finally {
            child.destroyForcibly();
            new Reaper(docker).reapRun(killed.runId(), line -> { });
        }
    }

    private static void awaitReady(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String line;
        while (System.nanoTime() < end && (line = out.readLine()) != null) {
            if (line.equals("READY")) {
                return;
            }
        }
        throw new AssertionError("the leftover-making JVM never said READY");
    }

    private static List<String> labelled(DockerClient docker, RunLabels run) {
        Map<String, String> filter = Map.of(RunLabels.RUN, run.runId());
        List<String> found = new java.util.ArrayList<>();
        docker.listContainersCmd().withShowAll(true).withLabelFilter(filter).exec()
                .forEach(c -> found.add("container " + c.getId()));
        docker.listNetworksCmd().exec().stream().filter(n -> n.getLabels() != null
                && run.runId().equals(n.getLabels().get(RunLabels.RUN))).forEach(n -> found.add("network " + n.getName()));
        var volumes = docker.listVolumesCmd().exec().getVolumes();
        if (volumes != null) {
            volumes.stream().filter(v -> v.getLabels() != null && run.runId().equals(v.getLabels().get(RunLabels.RUN)))
                    .forEach(v -> found.add("volume " + v.getName()));
        }
        return found;
    }
}
