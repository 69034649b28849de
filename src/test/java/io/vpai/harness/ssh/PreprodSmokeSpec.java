package io.vpai.harness.ssh;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.engine.ShellResult;

import io.vpai.harness.check.Finding;
import io.vpai.harness.engine.ContainerState;
import io.vpai.harness.support.SharedTarget;
import io.vpai.harness.wait.Poll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import io.vpai.harness.check.Status;
import io.vpai.harness.environment.TailnetFixture;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.environment.SshEndpoint;
import io.vpai.harness.environment.SshEnvironment;
import io.vpai.harness.model.Dependency;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.probe.ProbeResult;
import io.vpai.harness.probe.ProbeRunner;
import io.vpai.harness.probe.Probes;
import io.vpai.harness.probe.TcpProbe;
import io.vpai.harness.render.RenderedFile;
import io.vpai.harness.inventory.Inventory;
import io.vpai.harness.engine.ContainerEvent;
import io.vpai.harness.environment.Fixture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The preprod smoke, through the SSH target: the rendered files deployed over SFTP and started with the host's
 * Compose, then — the seeded data is there (counts from the seed's own manifest), every service is ready, the
 * network answers as the model says, startup followed the graph, a restart goes through the destructive capability,
 * and the host runs what was rendered (no drift; the drift it makes by hand to prove that, it puts back). Tagged
 * destructive for the restart, so it runs after the read-only specs. The conformance specs run against the same host as
 * whole classes, resolved by {@link SharedTarget}; this class holds what only a deployed host has. It runs where
 * {@code -Dvpai.env} names a preprod host: {@code preprod-local}, the local sshd container standing for preprod (the
 * SSH rehearsal of every CI run), or {@code preprod}, the real one after its seeding job.
 */
@Tag("stack")
@Tag("ssh")
@Tag("destructive")
@ExtendWith(SharedTarget.class)
@EnabledIfSystemProperty(named = "vpai.env", matches = "preprod(-local)?",
        disabledReason = "the preprod smoke runs against a preprod host: -Dvpai.env=preprod-local (CI's rehearsal) or preprod")
@DisplayName("Preprod smoke over SSH")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Epic(Behaviors.CONFORMANCE)
@Feature(Behaviors.PREPROD_SMOKE)
@Story("Deploy, seed and smoke over SSH")
class PreprodSmokeSpec {
    private Stack model;
    private PreprodHost host;
    private SshTarget target;

    @BeforeAll
    void findTheDeployedHost(PreprodHost host) {
        this.host = host;
        this.target = host.target();
        this.model = target.model();
    }

    @TestFactory
    @Order(1)
    @DisplayName("the deploy")
    Stream<DynamicTest> theDeployShippedTheRenderedFilesAndKeptTheSecretsSecret() {
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, RenderedFile> uploaded = host.deployment().remoteRenderedFiles();
        tests.add(dynamicTest("every rendered file (" + uploaded.size() + ") is on " + target.name() + " byte for byte",
                () -> assertThat(LiveDrift.files(target, uploaded)).as("file drift on %s", target.name()).isEmpty()));
        tests.add(dynamicTest("a file that differs from the rendered one is listed as drift", () -> {
            String first = uploaded.keySet().iterator().next();
            RenderedFile edited = RenderedFile.text(uploaded.get(first).path(), uploaded.get(first).content() + "# edited\n");
            assertThat(LiveDrift.files(target, Map.of(first, edited))).singleElement()
                    .satisfies(d -> assertThat(d.toString()).startsWith("file " + first + " sha256: expected "));
        }));
        tests.add(dynamicTest("the .env on " + target.name() + " is mode 600 (owner only)",
                () -> assertThat(target.fileMode(host.deployment().envFile())).contains("600")));
        tests.add(dynamicTest("no secret value appears in the harness's log or in any uploaded file", () -> {
            assertThat(host.deployment().secretValues()).as("secrets generated for this run").isNotEmpty();
            for (String secret : host.deployment().secretValues()) {
                assertThat(host.log()).as("deploy log").noneMatch(line -> line.contains(secret));
                assertThat(uploaded.values()).as("uploaded files").noneMatch(f -> f.content().contains(secret));
            }
        }));
        tests.add(dynamicTest("the host's Compose was used: " + host.report().composeVersion(),
                () -> assertThat(host.report().composeVersion()).containsIgnoringCase("compose")));
        return tests.stream();
    }

    @TestFactory
    @Order(2)
    @DisplayName("readiness")
    Stream<DynamicTest> everyServiceIsReady() {
        Map<String, ContainerState> states = target.states();
        List<DynamicTest> tests = new ArrayList<>(model.services().stream().map(service -> dynamicTest(
                service.name() + " is " + expected(service) + " on " + target.name() + " (" + target.fidelity(service.name()) + ")",
                () -> assertThat(states.get(service.name()))
                        .as("state of %s in project %s on %s", service.name(), target.settings().project(), target.name())
                        .isEqualTo(expected(service)))).toList());
        tests.add(dynamicTest("a project that is not deployed reads as absent, and waiting for it fails naming the services",
                () -> {
                    try (SshTarget elsewhere = SshTarget.connect(target.endpoint(), model,
                            target.settings().withProject("vpaihnotdeployed"))) {
                        assertThat(elsewhere.states()).containsEntry("postgresql", ContainerState.ABSENT);
                        Poll.WaitTimeout e = catchThrowableOfType(Poll.WaitTimeout.class,
                                () -> elsewhere.awaitReady(Duration.ofSeconds(2), line -> { }));
                        assertThat(e).hasMessageContaining("every service of project vpaihnotdeployed on ")
                                .hasMessageContaining("not reached after 2 s")
                                .hasMessageContaining("postgresql (absent)");
                    }
                }));
        return tests.stream();
    }

    private static ContainerState expected(Service service) {
        return service.healthCheck().isPresent() ? ContainerState.HEALTHY : ContainerState.RUNNING;
    }

    @TestFactory
    @Order(3)
    @DisplayName("seeded data")
    Stream<DynamicTest> theSeededDataIsPresent() {
        String text = target.readFile(host.manifestPath()).orElseThrow(() -> new AssertionError(
                "no seed manifest at " + host.manifestPath() + " on " + target.name() + ": was the seeding job run?"));
        SeedManifest manifest = SeedManifest.parse(text, host.manifestPath());
        List<DynamicTest> tests = new ArrayList<>();
        for (Finding finding : SeedCheck.run(target, manifest)) {
            tests.add(dynamicTest(finding.subject() + " holds the seed's row count", () ->
                    assertThat(finding.status()).as(finding.message()).isEqualTo(Status.PASS)));
        }
        tests.add(dynamicTest("a count the host does not hold, and a table it lacks, each fail naming table and counts", () -> {
            SeedManifest.Entry first = manifest.entries().get(0);
            SeedManifest wrong = new SeedManifest(List.of(
                    new SeedManifest.Entry(first.database(), first.table(), first.rows() + 1),
                    new SeedManifest.Entry(first.database(), "harness_never_seeded", 1)));
            List<Finding> findings = SeedCheck.run(target, wrong);
            assertThat(findings).allMatch(Finding::failed);
            assertThat(findings.get(0).message()).contains("expecting " + first.subject() + " to hold "
                    + (first.rows() + 1) + " rows as the seed manifest says, but it holds " + first.rows());
            assertThat(findings.get(1).message()).contains(first.database() + ".harness_never_seeded", "does not exist");
        }));
        return tests.stream();
    }

    /**
     * Reachability by address between every pair of model services: open where they share a network, silent where
     * they do not (each destination probed at an address on a network the source is not on).
     */
    @TestFactory
    @Order(4)
    @DisplayName("reachability")
    Stream<DynamicTest> servicesReachEachOtherExactlyWhereTheyShareANetwork() {
        List<TcpProbe> probes = new ArrayList<>();
        List<Boolean> expectations = new ArrayList<>();
        for (Service source : model.services()) {
            for (Service destination : model.services()) {
                if (source.equals(destination) || destination.ports().isEmpty()) {
                    continue;
                }
                boolean shared = model.shareNetwork(source, destination);
                String network = destination.networkNames().stream()
                        .filter(n -> shared == source.isOn(n)).findFirst().orElseThrow();
                probes.add(Probes.tcp(source.name(), destination.addressOn(network).orElseThrow(), destination.ports().get(0)));
                expectations.add(shared);
            }
        }
        long start = System.nanoTime();
        List<ProbeResult> results = ProbeRunner.run(target, probes);
        System.out.println("[preprod] " + probes.size() + " probes over SSH in "
                + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            ProbeResult result = results.get(i);
            boolean reach = expectations.get(i);
            tests.add(dynamicTest(result.probe().describe() + (reach ? " is reachable" : " is unreachable"), () ->
                    assertThat(result.reached()).as("%s on %s answered %s", result.probe().describe(), target.name(),
                            result.answer()).isEqualTo(reach)));
        }
        tests.add(dynamicTest("a probe aimed outside the host's stack networks is refused before it runs", () ->
                assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> ProbeRunner.run(target,
                        Probes.tcp(model.services().get(0).name(), "192.0.2.1", 22))))
                        .hasMessageContaining("refusing to probe 192.0.2.1")));
        target.fixtures().ifPresent(fixtures -> tests.addAll(fixtureProbes(fixtures)));
        return tests.stream();
    }

    /**
     * Where the harness deployed the mesh too: the VPN client node reaches Caddy through the VPS node, and a port the
     * VPS node does not forward is refused there.
     */
    private List<DynamicTest> fixtureProbes(Fixtures fixtures) {
        TailnetFixture tailnet = fixtures.tailnet();
        List<ProbeResult> results = ProbeRunner.run(target, List.of(
                Probes.tcp(Fixture.VPN_CLIENT.service(), tailnet.proxy(), 80),
                Probes.tcp(Fixture.VPN_CLIENT.service(), tailnet.proxy(), 5432)));
        return List.of(
                dynamicTest("VPN client node → Caddy through the VPS node " + tailnet.proxy() + ":80 connects",
                        () -> assertThat(results.get(0).open()).as(results.get(0).toString()).isTrue()),
                dynamicTest("VPN client node → the VPS node " + tailnet.proxy() + ":5432 (not forwarded) is refused",
                        () -> assertThat(results.get(1).open()).as(results.get(1).toString()).isFalse()));
    }

    /**
     * The production check rehearsed: a second, read-only connection to the same host, under the name production,
     * runs the read-only checks and has every destructive step refused — the path a real production check takes.
     */
    @TestFactory
    @Order(6)
    @DisplayName("the production check (read-only), rehearsed on this host")
    Stream<DynamicNode> theReadOnlyCheckPassesAndRefusesDestruction() {
        SshEndpoint own = target.endpoint();
        SshEndpoint readOnly = new SshEndpoint(SshEnvironment.PRODUCTION, own.host(), own.port(), own.user(),
                own.privateKey(), own.hostKey(), false);
        SshTarget production = SshTarget.connect(readOnly, model, target.settings());
        return ProductionCheck.nodes(production, host.deployment().composeTexts(), host.deployment().remoteRenderedFiles())
                .onClose(production::close);
    }

    @TestFactory
    @Order(7)
    @DisplayName("startup order, from the host's docker events")
    Stream<DynamicTest> startupFollowedTheGraph() {
        List<ContainerEvent> events = target.events();
        List<DynamicTest> tests = new ArrayList<>();
        for (Service service : model.services()) {
            tests.add(dynamicTest(service.name() + " was started during the deploy", () ->
                    assertThat(first(events, service.name(), ContainerEvent.Kind.STARTED))
                            .as("start event of %s on %s", service.name(), target.name()).isPresent()));
            for (Dependency dependency : service.dependsOn()) {
                if (dependency.condition() != Dependency.Condition.HEALTHY) {
                    continue;
                }
                tests.add(dynamicTest(service.name() + " started after " + dependency.service() + " was healthy", () -> {
                    Instant healthy = first(events, dependency.service(), ContainerEvent.Kind.HEALTHY).orElseThrow(
                            () -> new AssertionError(dependency.service() + " never reported healthy on " + target.name()));
                    Instant started = first(events, service.name(), ContainerEvent.Kind.STARTED).orElseThrow(
                            () -> new AssertionError(service.name() + " never started on " + target.name()));
                    assertThat(started).as("%s start vs %s healthy on %s", service.name(), dependency.service(),
                            target.name()).isAfter(healthy);
                }));
            }
        }
        return tests.stream();
    }

    /** The host's clock, which stamps its events: this JVM's may be skewed against a real host's. */
    private Instant hostClock() {
        String[] now = target.engine().now().split("\\.");
        return Instant.ofEpochSecond(Long.parseLong(now[0]), Long.parseLong((now[1] + "000000000").substring(0, 9)));
    }

    private static Optional<Instant> first(List<ContainerEvent> events, String service, ContainerEvent.Kind kind) {
        return events.stream().filter(e -> e.service().equals(service) && e.kind() == kind).map(ContainerEvent::time)
                .findFirst();
    }

    @TestFactory
    @Order(9)
    @Tag("destructive")
    @DisplayName("a restart through the destructive capability")
    Stream<DynamicTest> aRestartedServiceComesBack() {
        String service = "redis";
        Assumptions.assumeTrue(model.service(service).isPresent(), "the model has no redis");
        // Events after this moment, without restarting the event clock the startup specs judge the deploy by.
        Instant before = hostClock();
        host.access().faults().restart(service, Duration.ofMinutes(2));
        List<ContainerEvent> events = target.events().stream().filter(e -> e.time().isAfter(before)).toList();
        return Stream.of(
                dynamicTest(service + " died and started again", () -> {
                    assertThat(first(events, service, ContainerEvent.Kind.DIED)).as("die event of " + service).isPresent();
                    assertThat(first(events, service, ContainerEvent.Kind.STARTED)).as("start event of " + service).isPresent();
                }),
                dynamicTest("no other service was restarted", () -> assertThat(events).filteredOn(
                        e -> e.kind() == ContainerEvent.Kind.DIED).extracting(ContainerEvent::service).containsOnly(service)),
                dynamicTest(service + " is healthy again", () -> assertThat(target.states()).containsEntry(service, ContainerState.HEALTHY)));
    }

    @TestFactory
    @Order(10)
    @DisplayName("drift against the live host")
    Stream<DynamicTest> theHostRunsWhatWasRendered() {
        List<String> deployed = host.deployment().composeTexts();
        List<DynamicTest> tests = new ArrayList<>();
        List<Inventory.Difference> none = LiveDrift.containers(target, deployed);
        tests.add(dynamicTest("every container matches the compose files deployed (image, networks, ports, health check)",
                () -> assertThat(none).as("drift on %s", target.name()).isEmpty()));
        if (deployed.size() > 1) {
            // the stand-in runs offline images through an override; against the shipped file alone that must show
            List<Inventory.Difference> shippedOnly = LiveDrift.containers(target, deployed.subList(0, 1));
            tests.add(dynamicTest("against the shipped file alone, the stand-in's image substitutions are listed", () -> {
                assertThat(shippedOnly).filteredOn(d -> d.aspect().equals("image"))
                        .extracting(Inventory.Difference::subject)
                        .containsAll(model.services().stream().map(s -> "service " + s.name()).toList());
                assertThat(shippedOnly).extracting(Inventory.Difference::subject)
                        .contains("service " + Fixture.VPN_CLIENT.service());
            }));
        }
        Optional<LocalSshHost> sshd = host.localSshd();
        if (sshd.isPresent()) {
            tests.add(dynamicTest("a network disconnected by hand on the host is listed as drift", () -> {
                String service = "victoriametrics";
                String network = target.settings().project() + "_monitoring";
                String address = model.service(service).flatMap(s -> s.addressOn("monitoring")).orElseThrow();
                ShellResult cut = sshd.get().exec("docker network disconnect " + network + " "
                        + target.container(service));
                assertThat(cut.ok()).as("docker network disconnect: %s", cut.output()).isTrue();
                List<Inventory.Difference> whileCut;
                try {
                    whileCut = LiveDrift.containers(target, deployed);
                } finally {
                    // Put back as deployed, fixed address included: the other specs share this host.
                    ShellResult back = sshd.get().exec("docker network connect --ip " + address + " --alias " + service
                            + " " + network + " " + target.container(service));
                    assertThat(back.ok()).as("docker network connect: %s", back.output()).isTrue();
                }
                assertThat(whileCut).singleElement().satisfies(d -> {
                    assertThat(d.subject()).isEqualTo("service " + service);
                    assertThat(d.aspect()).isEqualTo("networks");
                    assertThat(d.expected()).contains(network);
                    assertThat(d.actual()).doesNotContain(network);
                });
                assertThat(LiveDrift.containers(target, deployed)).as("after reconnecting %s", service).isEmpty();
            }));
            tests.add(dynamicTest("a compose file edited by hand on the host is listed as drift", () -> {
                String file = host.deployment().composeFile();
                String original = target.readFile(file).orElseThrow();
                List<Inventory.Difference> whileEdited;
                try {
                    assertThat(sshd.get().exec("echo '# edited on the host' >> " + file).ok()).isTrue();
                    whileEdited = LiveDrift.files(target, host.deployment().remoteRenderedFiles());
                } finally {
                    host.access().write(file, original.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0644);
                }
                assertThat(whileEdited).singleElement().satisfies(d -> assertThat(d.subject()).isEqualTo("file " + file));
                assertThat(LiveDrift.files(target, host.deployment().remoteRenderedFiles())).as("after putting it back")
                        .isEmpty();
            }));
        }
        return tests.stream();
    }
}
