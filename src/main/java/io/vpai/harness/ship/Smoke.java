package io.vpai.harness.ship;

import io.vpai.harness.check.Finding;
import io.vpai.harness.model.Dependency;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.probe.ProbeResult;
import io.vpai.harness.probe.ProbeRunner;
import io.vpai.harness.probe.Probes;
import io.vpai.harness.probe.TcpProbe;
import io.vpai.harness.ssh.SeedCheck;
import io.vpai.harness.ssh.SeedManifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The smoke a ship runs on preprod, and whose verdict it records there: the {@link HostCheck} (every service ready,
 * the tree is the render, the containers match the compose files), the seeded data (every count of the seed's
 * manifest, when the seeding job left one), and reachability along the startup graph (each service reaches what it
 * depends on; each is cut off from one service it shares no network with). It is the part of the test-side
 * {@code PreprodSmokeSpec} a command can run: that spec also proves each check catches what it should (hand edits,
 * a cut network), restarts a service and runs every conformance spec against the host.
 */
final class Smoke {
    static final String REACHABILITY = "ship.reachability";

    private Smoke() {
    }

    static CheckReport run(ShipHost host, TreeListing expected, List<String> composeTexts) {
        List<Finding> findings = new ArrayList<>(HostCheck.run(host, expected, composeTexts));
        findings.addAll(HostCheck.reading(SeedCheck.CHECK_ID, "seed on " + host.name(), () -> seed(host)));
        findings.addAll(HostCheck.reading(REACHABILITY, "reachability on " + host.name(), () -> reachability(host)));
        return new CheckReport(findings);
    }

    private static List<Finding> seed(ShipHost host) {
        Optional<String> manifest = host.target().readFile(host.seedManifest());
        if (manifest.isEmpty()) {
            return List.of(Finding.skipped(SeedCheck.CHECK_ID, "seed on " + host.name(), "no seed manifest at "
                    + host.seedManifest() + " on " + host.name() + ": the seeding job has not run, so no seeded data "
                    + "is checked"));
        }
        return SeedCheck.run(host.target(), SeedManifest.parse(manifest.get(), host.seedManifest()));
    }

    private static List<Finding> reachability(ShipHost host) {
        Stack model = host.target().model();
        List<TcpProbe> probes = new ArrayList<>();
        List<Boolean> open = new ArrayList<>();
        for (Service source : model.services()) {
            for (Dependency dependency : source.dependsOn()) {
                Service target = model.requireService(dependency.service());
                if (target.ports().isEmpty()) {
                    continue;
                }
                target.networkNames().stream().filter(source::isOn).findFirst().ifPresent(network -> {
                    probes.add(Probes.tcp(source.name(), target.addressOn(network).orElseThrow(), target.ports().get(0)));
                    open.add(true);
                });
            }
            model.services().stream().filter(other -> !other.ports().isEmpty() && !source.networkNames().isEmpty()
                            && !model.shareNetwork(source, other)).findFirst()
                    .ifPresent(other -> {
                        String network = other.networkNames().get(0);
                        probes.add(Probes.tcp(source.name(), other.addressOn(network).orElseThrow(), other.ports().get(0)));
                        open.add(false);
                    });
        }
        List<ProbeResult> results = ProbeRunner.run(host.target(), probes);
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            ProbeResult result = results.get(i);
            String subject = result.probe().describe();
            boolean expected = open.get(i);
            if (result.error()) {
                findings.add(Finding.error(REACHABILITY, subject, "the probe could not run: " + result.answer()));
            } else if (result.reached() == expected) {
                findings.add(Finding.pass(REACHABILITY, subject, subject + (expected ? " is reachable" : " is unreachable")
                        + " on " + host.name()));
            } else {
                findings.add(Finding.fail(REACHABILITY, subject, "expecting " + subject + (expected ? " reachable"
                        : " unreachable") + " on " + host.name() + ", but it answered " + result.answer()));
            }
        }
        return findings;
    }
}
