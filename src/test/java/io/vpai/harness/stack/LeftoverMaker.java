package io.vpai.harness.stack;

import com.github.dockerjava.api.DockerClient;
import org.testcontainers.DockerClientFactory;

import java.util.Map;

/**
 * A harness run cut short: takes the machine lock, creates a labelled network, volume and container
 * the way a run does, says READY, and waits to be killed. Started as a separate JVM by {@link SigkillRecoverySpec}.
 */
public final class LeftoverMaker {
    public static void main(String[] args) throws Exception {
        RunLabels run = new RunLabels(args[0]);
        String image = args[1];
        MachineLock.acquire(java.time.Duration.ofMinutes(1), System.out::println);
        DockerClient docker = DockerClientFactory.instance().client();
        Map<String, String> labels = run.labels();
        docker.createNetworkCmd().withName(run.project() + "_leftover").withLabels(labels).exec();
        docker.createVolumeCmd().withName(run.project() + "_leftover").withLabels(labels).exec();
        String id = docker.createContainerCmd(image).withName(run.project() + "_leftover")
                .withLabels(labels).withCmd("sleep", "infinity").exec().getId();
        docker.startContainerCmd(id).exec();
        System.out.println("READY");
        Thread.sleep(600_000);
    }
}
