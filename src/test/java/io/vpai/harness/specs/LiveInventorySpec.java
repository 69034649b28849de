package io.vpai.harness.specs;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.baseline.ArchitectureBaseline;
import io.vpai.harness.baseline.MatrixRow;
import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.inventory.Inventory;
import io.vpai.harness.inventory.RunningVersions;
import io.vpai.harness.inventory.ServiceShape;
import io.vpai.harness.model.Service;
import io.vpai.harness.support.Capabilities;
import io.vpai.harness.support.RequiresDocker;
import io.vpai.harness.target.EngineTarget;
import io.vpai.harness.target.Target;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * What runs, read from the engine, against both oracles: every container equals its service in the compose
 * files (the shipped file as rendered from the model, plus the environment's overrides) in every aspect
 * Compose controls; and what runs agrees with the architecture baseline — Service Matrix membership, fixed
 * addresses inside the document's subnets, published ports, the Docker socket.
 */
@Tag("stack")
@RequiresDocker
@DisplayName("Live inventory")
@Epic(Behaviors.CONFORMANCE)
@Feature(Behaviors.INVENTORY)
@Story("Containers as the compose files declare them")
class LiveInventorySpec {

    @TestFactory
    @DisplayName("every container runs as the compose files declare it")
    Stream<DynamicTest> everyContainerRunsAsTheComposeFilesDeclare(Target target) {
        Map<String, ServiceShape> expected = ServiceShape.fromCompose(target.expectedCompose(), target.project());
        Map<String, ServiceShape> running = ServiceShape.fromInspect(target.inspect(), target::readFile);
        TreeSet<String> services = new TreeSet<>(expected.keySet());
        services.addAll(running.keySet());
        return services.stream().map(service -> dynamicTest(service + " runs as declared: image, networks and "
                + "addresses, published ports, health check, mounts, restart policy, depends_on", () -> {
            List<Inventory.Difference> differences = Inventory.compare(service, expected.get(service),
                    running.get(service));
            if (!differences.isEmpty()) {
                fail("the container of %s on %s differs from the compose files:%n  %s", service, target.name(),
                        differences.stream().map(Object::toString).collect(Collectors.joining("\n  ")));
            }
        }));
    }

    /**
     * Each real service whose binary tells its version runs the model's pin; what each said goes to
     * {@link RunningVersions#PATH}, which the run's summary shows beside the pin. A stand-in is skipped, named.
     */
    @TestFactory
    @DisplayName("every real service runs the version the model pins")
    Stream<DynamicTest> everyRealServiceRunsItsPin(Target target) {
        EngineTarget engine = Capabilities.require(target, EngineTarget.class, "a version is asked of the container");
        List<RunningVersions.Observation> observed = new ArrayList<>();
        return new TreeSet<>(RunningVersions.COMMANDS.keySet()).stream().map(service -> dynamicTest(
                service + " runs " + RunningVersions.pin(target.model(), service) + ", the model's pin", () -> {
                    Assumptions.assumeFalse(target.fidelity(service) == Fidelity.STAND_IN,
                            service + " is a stand-in on " + target.name() + ": it has no version of its own");
                    RunningVersions.Observation o = RunningVersions.observe(engine, service);
                    synchronized (observed) {
                        observed.add(o);
                        write(observed);
                    }
                    assertThat(o.running()).as("the version %s runs on %s (the model pins %s)", service, target.name(),
                            target.model().requireService(service).image()).isEqualTo(o.pin());
                }));
    }

    private static void write(List<RunningVersions.Observation> observed) throws java.io.IOException {
        Path file = Path.of(RunningVersions.PATH);
        Files.createDirectories(file.getParent());
        Files.writeString(file, RunningVersions.tsv(observed));
    }

    @TestFactory
    @DisplayName("what runs agrees with the architecture baseline and the model")
    Stream<DynamicTest> whatRunsAgreesWithTheArchitecture(Target target) {
        Map<String, ServiceShape> running = ServiceShape.fromInspect(target.inspect(), target::readFile);
        List<DynamicTest> tests = new ArrayList<>();
        for (MatrixRow row : ArchitectureBaseline.SERVICE_MATRIX) {
            tests.add(dynamicTest(row.service() + " is attached to " + row.networksText()
                    + " (Service Matrix) and nowhere else among the stack's networks", () ->
                    membership(target, row, running.get(row.service()))));
        }
        tests.add(dynamicTest("only " + ArchitectureBaseline.PROXY_SERVICE + " publishes ports, and exactly "
                + new TreeSet<>(ArchitectureBaseline.PROXY_PUBLISHED_PORTS), () -> published(target, running)));
        tests.add(dynamicTest("only " + ArchitectureBaseline.DOCKER_SOCKET_SERVICE + " may hold the Docker socket",
                () -> socket(target, running)));
        return tests.stream();
    }

    /** Networks on the engine are {@code <project>_<name>}; only the baseline's four are judged here. */
    static void membership(Target target, MatrixRow row, ServiceShape shape) {
        if (shape == null) {
            fail("%s has no container on %s", row.service(), target.name());
        }
        Set<String> attached = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        shape.networks().forEach((dockerName, address) -> {
            String name = dockerName.startsWith(target.project() + "_")
                    ? dockerName.substring(target.project().length() + 1) : dockerName;
            ArchitectureBaseline.network(name).ifPresent(network -> {
                attached.add(name);
                if (!address.isEmpty() && !network.subnet().contains(address)) {
                    problems.add("its fixed address " + address + " on " + name + " lies outside " + network.subnet()
                            + ", the subnet " + ArchitectureBaseline.says("networks") + " gives " + name);
                }
            });
        });
        Set<String> model = target.model().service(row.service()).map(LiveInventorySpec::modelNetworks)
                .orElse(Set.of());
        if (!attached.equals(row.networks())) {
            problems.add("it is attached to " + text(attached) + "; " + ArchitectureBaseline.says("Service Matrix")
                    + " has " + row.networksText() + (model.equals(attached)
                    ? " — the model agrees with what runs, so the model is what disagrees with the architecture"
                    : "; the model has " + text(model)));
        } else if (!model.equals(attached)) {
            problems.add("it is attached to " + text(attached) + " as the architecture says, but the model has "
                    + text(model));
        }
        if (!problems.isEmpty()) {
            fail("%s on %s: %s", row.service(), target.name(), String.join("; ", problems));
        }
    }

    static void published(Target target, Map<String, ServiceShape> running) {
        List<String> problems = new ArrayList<>();
        running.forEach((service, shape) -> {
            if (target.model().service(service).isEmpty()) {
                return; // fixtures stand for the outside world; they are not the stack's
            }
            Set<Integer> hostPorts = shape.ports().stream()
                    .map(p -> Integer.parseInt(p.substring(p.lastIndexOf(':') + 1))).collect(Collectors.toCollection(TreeSet::new));
            Set<Integer> allowed = service.equals(ArchitectureBaseline.PROXY_SERVICE)
                    ? ArchitectureBaseline.PROXY_PUBLISHED_PORTS : Set.of();
            if (!hostPorts.equals(new TreeSet<>(allowed))) {
                problems.add(service + " publishes host ports " + hostPorts + " (" + shape.ports() + "); "
                        + ArchitectureBaseline.says("section 1") + " allows " + new TreeSet<>(allowed));
            }
        });
        if (!problems.isEmpty()) {
            fail("published ports on %s:%n  %s", target.name(), String.join("\n  ", problems));
        }
    }

    private static void socket(Target target, Map<String, ServiceShape> running) {
        List<String> holders = new ArrayList<>();
        running.forEach((service, shape) -> {
            if (target.model().service(service).isPresent()
                    && !service.equals(ArchitectureBaseline.DOCKER_SOCKET_SERVICE)
                    && shape.mounts().stream().anyMatch(m -> m.contains(" <- "))) {
                holders.add(service + " " + shape.mounts());
            }
        });
        if (!holders.isEmpty()) {
            fail("on %s the Docker socket is mounted into %s; %s gives it to %s only", target.name(), holders,
                    ArchitectureBaseline.says("section 1"), ArchitectureBaseline.DOCKER_SOCKET_SERVICE);
        }
    }

    private static Set<String> modelNetworks(Service service) {
        return service.networks().stream().map(a -> a.network()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String text(Set<String> networks) {
        return networks.isEmpty() ? "no network" : String.join(", ", new TreeSet<>(networks));
    }
}
