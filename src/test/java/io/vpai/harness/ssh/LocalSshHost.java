package io.vpai.harness.ssh;

import io.vpai.harness.environment.HostKeyPolicy;
import io.vpai.harness.environment.KeySource;
import io.vpai.harness.environment.SshEndpoint;
import io.vpai.harness.environment.SshEnvironment;
import io.vpai.harness.images.OfflineImages;
import io.vpai.harness.engine.ProcessRunner;
import io.vpai.harness.engine.ShellResult;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The offline {@code sshd} image run as a container on this machine, standing for a deployed host: root logs in with
 * a key pair made for this run, the host key is one made for this run too (mounted, so the test knows its
 * fingerprint before connecting), and port 22 is published on a random loopback port only.
 * With {@link Options#dockerSocket}, the host's engine socket is mounted: {@code docker} and {@code docker-compose}
 * in the container then drive this machine's engine, as they would drive the VPS's own.
 * The container is a Testcontainers {@link GenericContainer}, labelled {@link #LABEL} and removed by {@link #close}
 * (Ryuk is off: no registry to pull it from).
 */
public final class LocalSshHost implements AutoCloseable {
    /** Marks containers of this class, so a test run removes what a killed one left. */
    static final String LABEL = "io.vpai.harness.ssh-test";
    private static final Duration COMMAND = Duration.ofSeconds(60);
    private static final int SSH_PORT = 22;
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration READY = Duration.ofSeconds(20);

    /**
     * @param sharedDirectory a host directory mounted at the same absolute path inside, so bind mounts in a compose
     *                        file written there resolve on the host engine too; null for none
     * @param labels          extra labels (the harness's run labels, for a container the stack reaper may remove)
     */
    record Options(boolean dockerSocket, Path sharedDirectory, Map<String, String> labels) {
        static Options plain() {
            return new Options(false, null, Map.of());
        }
    }

    private final GenericContainer<?> container;
    private final int port;
    private final SshKeys clientKey;
    private final SshKeys hostKey;
    private final Path workDirectory;

    private LocalSshHost(GenericContainer<?> container, int port, SshKeys clientKey, SshKeys hostKey,
                         Path workDirectory) {
        this.container = container;
        this.port = port;
        this.clientKey = clientKey;
        this.hostKey = hostKey;
        this.workDirectory = workDirectory;
    }

    static LocalSshHost start(Path projectRoot, Path workDirectory, Options options, Consumer<String> log) {
        String image = OfflineImages.build(projectRoot, "sshd", log);
        SshKeys client = SshKeys.generate(workDirectory.resolve("client/id_ed25519"), "vpai-harness-client");
        SshKeys host = SshKeys.generate(workDirectory.resolve("host/ssh_host_ed25519_key"), "vpai-harness-host");
        String name = "vpai-harness-sshd-" + Long.toHexString(System.nanoTime());
        GenericContainer<?> sshd = container(image, name, client, host, options);
        try {
            sshd.start();
        } catch (RuntimeException e) {
            String logs = logTail(sshd);
            sshd.stop();
            throw new IllegalStateException("cannot start the sshd container from " + image + ": "
                    + rootMessage(e) + logs, e);
        }
        int port = sshd.getMappedPort(SSH_PORT);
        log.accept("sshd " + name + " on " + LOOPBACK + ":" + port + " (host key " + host.fingerprint() + ")");
        return new LocalSshHost(sshd, port, client, host, workDirectory);
    }

    /**
     * The container, not yet started: the image just built (never pulled), port 22 published on a random loopback
     * port only ({@code -p 127.0.0.1::22}: Testcontainers alone would publish it on every interface), ready once
     * sshd says it listens.
     */
    private static GenericContainer<?> container(String image, String name, SshKeys client, SshKeys host,
                                                 Options options) {
        GenericContainer<?> sshd = new GenericContainer<>(DockerImageName.parse(image))
                .withImagePullPolicy(local -> false)
                .withEnv("AUTHORIZED_KEY", client.publicLine())
                .withFileSystemBind(host.privateKey().toString(), "/etc/ssh/ssh_host_ed25519_key", BindMode.READ_ONLY)
                .withFileSystemBind(host.publicKey().toString(), "/etc/ssh/ssh_host_ed25519_key.pub", BindMode.READ_ONLY)
                .withLabel(LABEL, "true")
                .withLabels(options.labels())
                .withExposedPorts(SSH_PORT)
                .withCreateContainerCmdModifier(create -> create.withName(name).getHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindIp(LOOPBACK), ExposedPort.tcp(SSH_PORT))))
                .waitingFor(Wait.forLogMessage(".*Server listening on .* port " + SSH_PORT + "\\..*", 1)
                        .withStartupTimeout(READY));
        if (options.dockerSocket()) {
            sshd.withFileSystemBind("/var/run/docker.sock", "/var/run/docker.sock", BindMode.READ_WRITE);
        }
        if (options.sharedDirectory() != null) {
            String shared = options.sharedDirectory().toAbsolutePath().toString();
            sshd.withFileSystemBind(shared, shared, BindMode.READ_WRITE);
        }
        return sshd;
    }

    /** Removes sshd containers an earlier, killed run of these tests left behind. */
    static void reapLeftovers() {
        DockerClient docker = DockerClientFactory.instance().client();
        for (Container leftover : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(LABEL)).exec()) {
            try {
                docker.removeContainerCmd(leftover.getId()).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException alreadyGone) {
                // removed meanwhile
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String logTail(GenericContainer<?> sshd) {
        if (sshd.getContainerId() == null) {
            return "";
        }
        try {
            List<String> all = sshd.getLogs().strip().lines().toList();
            return "; logs: " + String.join("\n", all.subList(Math.max(0, all.size() - 5), all.size()));
        } catch (RuntimeException e) {
            return "";
        }
    }

    int port() {
        return port;
    }

    SshKeys clientKey() {
        return clientKey;
    }

    SshKeys hostKey() {
        return hostKey;
    }

    /** An OpenSSH known_hosts file pinning {@code key} for this host's loopback port. */
    Path knownHosts(String fileName, SshKeys key) {
        Path file = workDirectory.resolve(fileName);
        try {
            Files.writeString(file, PinnedHostKeys.entryName("127.0.0.1", port) + " " + key.typeAndKey() + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
        return file;
    }

    /**
     * The endpoint the way a run gets one: an SSH environment with variables, resolved against a process
     * environment that names the host and the key file.
     */
    SshEndpoint endpoint(String environment, SshKeys key, HostKeyPolicy hostKeys, boolean destructive) {
        SshEnvironment env = new SshEnvironment(environment, "local sshd container standing for " + environment,
                "${VPAI_LOCAL_SSH_HOST}", port, "root", new KeySource.KeyFromEnv("VPAI_LOCAL_SSH_KEY"), hostKeys,
                destructive);
        return env.resolve(Map.of("VPAI_LOCAL_SSH_HOST", "127.0.0.1", "VPAI_LOCAL_SSH_KEY", key.privateKey().toString(),
                "HOME", workDirectory.toString()));
    }

    /** The endpoint pinned by known_hosts, logging in with the authorized key. */
    SshEndpoint endpoint(String environment, boolean destructive) {
        return endpoint(environment, clientKey,
                new HostKeyPolicy.KnownHosts(knownHosts("known_hosts", hostKey).toString()), destructive);
    }

    /** Runs a command inside the sshd container itself (not over SSH): to look behind the target's back. */
    public ShellResult exec(String script) {
        return ProcessRunner.run(List.of("docker", "exec", container.getContainerId(), "sh", "-c", script), COMMAND);
    }

    @Override
    public void close() {
        container.stop();
    }
}
