package io.vpai.harness.ssh;

import io.vpai.harness.render.RenderedFile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Does the live host run what was rendered? Two readings, both read-only:
 * <ul>
 *   <li>{@link #files}: every rendered file on the host has the rendered bytes (someone editing
 *       {@code docker-compose.yml} in place on the server shows up here);</li>
 *   <li>{@link #containers}: every running container matches its service in the compose files — image, networks
 *       and addresses, published ports, health check (a container not recreated after an edit, a hand-run
 *       {@code docker network connect}, a service started by hand show up here).</li>
 * </ul>
 * Each difference is listed; an empty list means no drift.
 */
public final class LiveDrift {
    /** One way the host differs from what was rendered. */
    public record Difference(String subject, String aspect, String expected, String actual) {
        @Override
        public String toString() {
            return subject + " " + aspect + ": expected " + expected + " but the host has " + actual;
        }
    }

    private LiveDrift() {
    }

    /** Where each rendered file lies on a host that has the {@code compose/} tree under {@code deployDirectory}. */
    public static Map<String, RenderedFile> onHost(String deployDirectory, List<RenderedFile> rendered) {
        Map<String, RenderedFile> files = new java.util.TreeMap<>();
        rendered.forEach(f -> files.put(deployDirectory + "/" + PreprodDeployment.COMPOSE_DIRECTORY + "/" + f.path(), f));
        return files;
    }

    public static List<Difference> files(SshTarget target, Map<String, RenderedFile> remoteFiles) {
        Map<String, String> onHost = target.sha256(List.copyOf(remoteFiles.keySet()));
        List<Difference> differences = new ArrayList<>();
        remoteFiles.forEach((path, file) -> {
            String expected = sha256(file.content());
            String actual = onHost.get(path);
            if (!expected.equals(actual)) {
                differences.add(new Difference("file " + path, "sha256", expected,
                        "missing".equals(actual) ? "no such file" : actual));
            }
        });
        return differences;
    }

    public static List<Difference> containers(SshTarget target, List<String> composeTexts) {
        return compare(ServiceShape.fromCompose(composeTexts, target.settings().project()),
                ServiceShape.fromInspect(target.containers()));
    }

    /** Every service of either side, each aspect compared; services only one side has are differences too. */
    static List<Difference> compare(Map<String, ServiceShape> expected, Map<String, ServiceShape> running) {
        List<Difference> differences = new ArrayList<>();
        TreeSet<String> services = new TreeSet<>(expected.keySet());
        services.addAll(running.keySet());
        for (String service : services) {
            ServiceShape want = expected.get(service);
            ServiceShape have = running.get(service);
            String subject = "service " + service;
            if (have == null) {
                differences.add(new Difference(subject, "container", "a container", "none"));
                continue;
            }
            if (want == null) {
                differences.add(new Difference(subject, "container", "no such service in the compose files",
                        "a container of image " + have.image()));
                continue;
            }
            add(differences, subject, "image", want.image(), have.image());
            add(differences, subject, "networks", want.networks(), have.networks());
            add(differences, subject, "ports", want.ports(), have.ports());
            add(differences, subject, "healthcheck", want.healthcheck(), have.healthcheck());
        }
        return differences;
    }

    private static void add(List<Difference> into, String subject, String aspect, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            into.add(new Difference(subject, aspect, String.valueOf(expected), String.valueOf(actual)));
        }
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
