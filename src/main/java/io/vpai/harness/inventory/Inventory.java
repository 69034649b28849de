package io.vpai.harness.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Does the engine run what the compose files say? Every service of either side, each aspect compared — image,
 * networks and fixed addresses, published ports (host side included), health check, mounts, restart policy and
 * the {@code depends_on} conditions Compose recorded. A hand-run {@code docker network connect}, an extra
 * published port, a container not recreated after an edit or a dropped dependency each show up as one
 * {@link Difference} naming the service, the aspect and both values.
 */
public final class Inventory {
    /** One way the engine differs from the compose files. */
    public record Difference(String subject, String aspect, String expected, String actual) {
        @Override
        public String toString() {
            return subject + " " + aspect + ": expected " + expected + " but the engine runs " + actual;
        }
    }

    private Inventory() {
    }

    /** The differences for every service either side has; a service only one side has is a difference too. */
    public static List<Difference> compare(Map<String, ServiceShape> expected, Map<String, ServiceShape> running) {
        List<Difference> differences = new ArrayList<>();
        TreeSet<String> services = new TreeSet<>(expected.keySet());
        services.addAll(running.keySet());
        for (String service : services) {
            differences.addAll(compare(service, expected.get(service), running.get(service)));
        }
        return differences;
    }

    /** One service's differences; {@code want} or {@code have} is null where that side lacks the service. */
    public static List<Difference> compare(String service, ServiceShape want, ServiceShape have) {
        String subject = "service " + service;
        if (have == null) {
            return List.of(new Difference(subject, "container", "a container", "none"));
        }
        if (want == null) {
            return List.of(new Difference(subject, "container", "no such service in the compose files",
                    "a container of image " + have.image()));
        }
        List<Difference> differences = new ArrayList<>();
        add(differences, subject, "image", want.image(), have.image());
        add(differences, subject, "networks", want.networks(), have.networks());
        add(differences, subject, "ports", want.ports(), have.ports());
        add(differences, subject, "healthcheck", want.healthcheck(), have.healthcheck());
        add(differences, subject, "mounts", want.mounts(), have.mounts());
        add(differences, subject, "restart", want.restart(), have.restart());
        add(differences, subject, "depends_on", want.dependsOn(), have.dependsOn());
        return differences;
    }

    private static void add(List<Difference> into, String subject, String aspect, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            into.add(new Difference(subject, aspect, String.valueOf(expected), String.valueOf(actual)));
        }
    }
}
