package io.vpai.harness.ship;

import io.vpai.harness.check.Finding;
import io.vpai.harness.engine.ContainerState;
import io.vpai.harness.inventory.Inventory;
import io.vpai.harness.model.Service;
import io.vpai.harness.ssh.LiveDrift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The read-only check of a deployed host, the same after a deploy to preprod (the start of its smoke) and to
 * production: every service ready, the tree on the host exactly the render (no file missing, changed or added), and
 * every container as the compose files say. A reading that fails is an ERROR finding, never a pass.
 */
final class HostCheck {
    static final String READY = "ship.service-ready";
    static final String TREE = "ship.tree-is-the-render";
    static final String CONTAINERS = "ship.containers-match-compose";

    private HostCheck() {
    }

    /**
     * @param expected     the tree the host should hold in {@code compose/}
     * @param composeTexts the compose files the containers should match: the shipped one, then the environment's
     */
    static List<Finding> run(ShipHost host, TreeListing expected, List<String> composeTexts) {
        List<Finding> findings = new ArrayList<>();
        findings.addAll(reading(READY, "services on " + host.name(), () -> ready(host)));
        findings.addAll(reading(TREE, host.composeDirectory(), () -> tree(host, expected)));
        findings.addAll(reading(CONTAINERS, "containers on " + host.name(), () -> containers(host, composeTexts)));
        return findings;
    }

    private static List<Finding> ready(ShipHost host) {
        Map<String, ContainerState> states = host.target().states();
        List<Finding> findings = new ArrayList<>();
        for (Service service : host.target().model().services()) {
            ContainerState expected = service.healthCheck().isPresent() ? ContainerState.HEALTHY : ContainerState.RUNNING;
            ContainerState actual = states.getOrDefault(service.name(), ContainerState.ABSENT);
            String where = " on " + host.name() + " (project " + host.spec().settings().project() + ")";
            findings.add(actual == expected
                    ? Finding.pass(READY, service.name(), service.name() + " is " + expected + where)
                    : Finding.fail(READY, service.name(), "expecting " + service.name() + " " + expected + where
                    + ", but it is " + actual));
        }
        return findings;
    }

    private static List<Finding> tree(ShipHost host, TreeListing expected) {
        Optional<TreeListing> actual = host.listing(host.composeDirectory());
        if (actual.isEmpty()) {
            return List.of(Finding.fail(TREE, host.composeDirectory(), "there is no " + host.composeDirectory()
                    + " on " + host.describe()));
        }
        List<String> differences = actual.get().differencesFrom(expected);
        if (differences.isEmpty()) {
            return List.of(Finding.pass(TREE, host.composeDirectory(), host.composeDirectory() + " on " + host.name()
                    + " is render " + expected.hash() + " byte for byte (" + expected.entries().size() + " files)"));
        }
        return differences.stream().map(d -> Finding.fail(TREE, host.composeDirectory(), "expecting render "
                + expected.hash() + " in " + host.composeDirectory() + " on " + host.name() + ", but " + d)).toList();
    }

    private static List<Finding> containers(ShipHost host, List<String> composeTexts) {
        List<Inventory.Difference> differences = LiveDrift.containers(host.target(), composeTexts);
        if (differences.isEmpty()) {
            return List.of(Finding.pass(CONTAINERS, "containers on " + host.name(),
                    "every container on " + host.name() + " matches the compose files"));
        }
        return differences.stream().map(d -> Finding.fail(CONTAINERS, d.subject(), "drift on " + host.name() + ": " + d))
                .toList();
    }

    /** Runs a reading; one that throws becomes an ERROR naming what could not be read. */
    static List<Finding> reading(String checkId, String subject, Supplier<List<Finding>> reading) {
        try {
            return reading.get();
        } catch (RuntimeException e) {
            return List.of(Finding.error(checkId, subject, "could not check " + subject + ": " + e.getMessage()));
        }
    }
}
