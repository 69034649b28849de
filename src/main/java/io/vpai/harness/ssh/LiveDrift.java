package io.vpai.harness.ssh;

import io.vpai.harness.inventory.Inventory;
import io.vpai.harness.inventory.Inventory.Difference;
import io.vpai.harness.inventory.ServiceShape;
import io.vpai.harness.render.RenderedFile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Does the live host run what was rendered? Two readings, both read-only:
 * <ul>
 *   <li>{@link #files}: every rendered file on the host has the rendered bytes (someone editing
 *       {@code docker-compose.yml} in place on the server shows up here);</li>
 *   <li>{@link #containers}: every running container matches its service in the compose files, as the live
 *       {@link Inventory} judges it.</li>
 * </ul>
 * Each difference is listed; an empty list means no drift.
 */
public final class LiveDrift {
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

    /** The host's containers against the compose files: see {@link Inventory}. */
    public static List<Difference> containers(SshTarget target, List<String> composeTexts) {
        return Inventory.compare(ServiceShape.fromCompose(composeTexts, target.settings().project()),
                ServiceShape.fromInspect(target.inspect(), target::readFile));
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
