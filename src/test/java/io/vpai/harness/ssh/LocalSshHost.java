package io.vpai.harness.ssh;

import io.vpai.harness.engine.ShellResult;

import io.vpai.harness.environment.HostKeyPolicy;
import io.vpai.harness.environment.KeySource;
import io.vpai.harness.environment.SshEndpoint;
import io.vpai.harness.environment.SshEnvironment;
import io.vpai.harness.images.OfflineImages;
import io.vpai.harness.engine.ProcessRunner;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The offline {@code sshd} image run as a container on this machine, standing for a deployed host: root logs in with
 * a key pair made for this run, the host key is one made for this run too (mounted, so the test knows its
 * fingerprint before connecting), and port 22 is published on a random loopback port only.
 * With {@link Options#dockerSocket}, the host's engine socket is mounted: {@code docker} and {@code docker-compose}
 * in the container then drive this machine's engine, as they would drive the VPS's own.
 */
public final class LocalSshHost implements AutoCloseable {
    /** Marks containers of this class, so a test run removes what a killed one left. */
    static final String LABEL = "io.vpai.harness.ssh-test";
    private static final Duration COMMAND = Duration.ofSeconds(60);

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

    private final String container;
    private final int port;
    private final SshKeys clientKey;
    private final SshKeys hostKey;
    private final Path workDirectory;

    private LocalSshHost(String container, int port, SshKeys clientKey, SshKeys hostKey, Path workDirectory) {
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
        List<String> run = new ArrayList<>(List.of("docker", "run", "-d", "--name", name, "--label", LABEL + "=true",
                "-e", "AUTHORIZED_KEY=" + client.publicLine(),
                "-v", host.privateKey() + ":/etc/ssh/ssh_host_ed25519_key:ro",
                "-v", host.publicKey() + ":/etc/ssh/ssh_host_ed25519_key.pub:ro",
                "-p", "127.0.0.1::22"));
        options.labels().forEach((k, v) -> run.addAll(List.of("--label", k + "=" + v)));
        if (options.dockerSocket()) {
            run.addAll(List.of("-v", "/var/run/docker.sock:/var/run/docker.sock"));
        }
        if (options.sharedDirectory() != null) {
            String shared = options.sharedDirectory().toAbsolutePath().toString();
            run.addAll(List.of("-v", shared + ":" + shared));
        }
        run.add(image);
        ShellResult started = ProcessRunner.run(run, COMMAND);
        if (!started.ok()) {
            throw new IllegalStateException("cannot start the sshd container from " + image + ": " + started.tail(3));
        }
        String id = started.output().strip();
        try {
            ShellResult mapped = ProcessRunner.run(List.of("docker", "port", id, "22/tcp"), COMMAND);
            String binding = mapped.output().strip().lines().filter(l -> l.startsWith("127.0.0.1:")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("sshd port 22 is not published on loopback: "
                            + mapped.output()));
            int port = Integer.parseInt(binding.substring(binding.lastIndexOf(':') + 1));
            LocalSshHost sshd = new LocalSshHost(id, port, client, host, workDirectory);
            sshd.awaitBanner(Duration.ofSeconds(20));
            log.accept("sshd " + name + " on 127.0.0.1:" + port + " (host key " + host.fingerprint() + ")");
            return sshd;
        } catch (RuntimeException e) {
            ProcessRunner.run(List.of("docker", "rm", "-f", id), COMMAND);
            throw e;
        }
    }

    /** Removes sshd containers an earlier, killed run of these tests left behind. */
    static void reapLeftovers() {
        ShellResult ids = ProcessRunner.run(List.of("docker", "ps", "-aq", "--filter", "label=" + LABEL), COMMAND);
        List<String> leftovers = ids.output().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (!leftovers.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("docker", "rm", "-f"));
            rm.addAll(leftovers);
            ProcessRunner.run(rm, COMMAND);
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
        return ProcessRunner.run(List.of("docker", "exec", container, "sh", "-c", script), COMMAND);
    }

    private void awaitBanner(Duration deadline) {
        Instant end = Instant.now().plus(deadline);
        String last = "";
        while (Instant.now().isBefore(end)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                socket.setSoTimeout(2000);
                InputStream in = socket.getInputStream();
                byte[] banner = in.readNBytes(4);
                if (new String(banner, StandardCharsets.US_ASCII).equals("SSH-")) {
                    return;
                }
                last = "no SSH banner";
            } catch (IOException e) {
                last = e.getMessage();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for sshd");
            }
        }
        throw new IllegalStateException("sshd on 127.0.0.1:" + port + " gave no SSH banner within " + deadline.toSeconds()
                + " s (" + last + "); logs: " + ProcessRunner.run(List.of("docker", "logs", "--tail", "5", container),
                COMMAND).output());
    }

    @Override
    public void close() {
        ProcessRunner.run(List.of("docker", "rm", "-f", container), COMMAND);
    }
}
