package io.vpai.harness.ssh;

import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.environment.Fixtures;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the environment file does not say about a host but the SSH target must know. Every value has a
 * default and a system property (for the Maven command line), all in one place:
 *
 * @param project          the compose project running there: {@value #DEFAULT_PROJECT} for a stack deployed from
 *                         {@code compose/sese-ai/} (Compose names the project after the directory), {@code -Dvpai.ssh.project}
 * @param deployDirectory  where the rendered files live on the host ({@code -Dvpai.ssh.deployDirectory}); the rendered
 *                         {@code compose/} tree is copied under it as is
 * @param probeImage       the image of the probe sidecars ({@code -Dvpai.ssh.probeImage}); it must already be on the host
 *                         (air-gapped: {@code docker save IMAGE | ssh HOST docker load})
 * @param fixtures         fixture networks deployed around the stack; only where the harness deployed them itself
 * @param fidelity         stand-ins, by service; a deployed host runs the real components, so empty means all real
 */
public record SshSettings(String project, String deployDirectory, String probeImage, Duration connectTimeout,
                          Duration handshakeTimeout, Duration commandTimeout, Optional<Fixtures> fixtures,
                          Map<String, Fidelity> fidelity) {
    public static final String DEFAULT_PROJECT = "sese-ai";
    public static final String DEFAULT_DEPLOY_DIRECTORY = "/opt/vpai";
    private static final Pattern PROJECT = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._/-]*");
    private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@-]*");

    public SshSettings {
        if (project == null || !PROJECT.matcher(project).matches()) {
            throw new IllegalArgumentException("compose project '" + project + "' is not a project name (" + PROJECT + ")");
        }
        if (deployDirectory == null || !PATH.matcher(deployDirectory).matches() || deployDirectory.contains("..")
                || deployDirectory.equals("/")) {
            throw new IllegalArgumentException("deploy directory '" + deployDirectory
                    + "' must be an absolute path below / without '..' or unusual characters");
        }
        if (probeImage == null || !IMAGE.matcher(probeImage).matches()) {
            throw new IllegalArgumentException("probe image '" + probeImage + "' is not an image reference");
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        fixtures = fixtures == null ? Optional.empty() : fixtures;
        fidelity = Map.copyOf(fidelity);
    }

    /** Defaults, each overridable with its {@code vpai.ssh.*} system property. */
    public static SshSettings fromSystemProperties(String defaultProbeImage) {
        return new SshSettings(
                System.getProperty("vpai.ssh.project", DEFAULT_PROJECT),
                System.getProperty("vpai.ssh.deployDirectory", DEFAULT_DEPLOY_DIRECTORY),
                System.getProperty("vpai.ssh.probeImage", defaultProbeImage),
                Duration.ofSeconds(Long.getLong("vpai.ssh.connectTimeoutSeconds", 10)),
                Duration.ofSeconds(Long.getLong("vpai.ssh.handshakeTimeoutSeconds", 20)),
                Duration.ofSeconds(Long.getLong("vpai.ssh.commandTimeoutSeconds", 60)),
                Optional.empty(), Map.of());
    }

    public SshSettings withProject(String value) {
        return new SshSettings(value, deployDirectory, probeImage, connectTimeout, handshakeTimeout, commandTimeout,
                fixtures, fidelity);
    }

    public SshSettings withDeployDirectory(String value) {
        return new SshSettings(project, value, probeImage, connectTimeout, handshakeTimeout, commandTimeout, fixtures,
                fidelity);
    }

    public SshSettings withTimeouts(Duration connect, Duration handshake, Duration command) {
        return new SshSettings(project, deployDirectory, probeImage, connect, handshake, command, fixtures, fidelity);
    }

    /** For a stack the harness deployed with its own fixture networks and stand-ins (the local preprod stand-in). */
    public SshSettings withFixtures(Fixtures value, Map<String, Fidelity> standIns) {
        return new SshSettings(project, deployDirectory, probeImage, connectTimeout, handshakeTimeout, commandTimeout,
                Optional.of(value), standIns);
    }

    public Fidelity fidelity(String service) {
        return fidelity.getOrDefault(service, Fidelity.REAL);
    }
}
