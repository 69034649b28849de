package io.vpai.harness.specs;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.engine.ContainerEvent;
import org.junit.jupiter.api.Assumptions;

import io.qameta.allure.Allure;
import io.vpai.harness.baseline.ArchitectureBaseline;
import io.vpai.harness.check.Finding;
import io.vpai.harness.check.Waivers;
import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.inventory.ServiceShape;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.environment.Fixture;
import io.vpai.harness.startup.Recovery;
import io.vpai.harness.startup.StartupEdge;
import io.vpai.harness.startup.StartupFigures;
import io.vpai.harness.startup.StartupOrder;
import io.vpai.harness.startup.StartupReport;
import io.vpai.harness.startup.StartupTimeline;
import io.vpai.harness.startup.TimelineMarkdown;
import io.vpai.harness.startup.TimelineSvg;
import io.vpai.harness.support.RequiresDocker;
import io.vpai.harness.support.SharedTarget;
import io.vpai.harness.target.Target;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The stack starts in the order its dependency graph says — judged from Docker's own event stream with
 * nanosecond times — and every edge of that graph is one the running stack enforces. Recovery after a
 * database restart, which needs faults, is {@link StartupRecoverySpec}.
 */
@Tag("stack")
@RequiresDocker
@DisplayName("Startup order")
@Epic(Behaviors.CONFORMANCE)
@Feature(Behaviors.STARTUP_ORDER)
@Story("Order from Docker's events")
class StartupOrderSpec {
    @TestFactory
    @DisplayName("every dependent started after its dependency")
    Stream<DynamicTest> everyDependentStartedAfterItsDependency(Target target) {
        StartupTimeline timeline = StartupTimeline.from(watchedStartup(target));
        Stack model = target.model();
        return StartupEdge.fromModel(model).stream().map(edge -> DynamicTest.dynamicTest(edge.sentence(),
                () -> expectPassed(target, Waivers.decide(model.waivers(), LocalDate.now(),
                        StartupOrder.judge(StartupOrder.CHECK_ID, edge, timeline)))));
    }

    @Test
    @DisplayName("no service started before all its seed-graph predecessors were healthy")
    void theObservedOrderIsConsistentWithTheSeedGraph(Target target) {
        List<Finding> findings = StartupOrder.againstSeed(StartupTimeline.from(watchedStartup(target)));
        List<String> violations = findings.stream()
                .map(f -> Waivers.decide(target.model().waivers(), LocalDate.now(), f))
                .filter(Finding::failed).map(Finding::message).toList();
        assertThat(findings).as("seed edges judged").hasSize(StartupEdge.fromSeed().size());
        if (!violations.isEmpty()) {
            fail("startup order of environment %s violates the seed's section 7 graph:%n  %s", target.name(),
                    String.join("\n  ", violations));
        }
    }

    @Test
    @DisplayName("the startup timeline is drawn from the events, every model service on it")
    void theStartupTimelineIsDrawn(Target target) throws Exception {
        Stack model = target.model();
        StartupTimeline timeline = StartupTimeline.from(watchedStartup(target));
        StartupFigures figures = StartupFigures.of(model, timeline);
        Map<String, String> notes = notes(target, timeline);
        String title = "Startup timeline — environment " + target.name();
        List<String> summary = new ArrayList<>(figures.lines());
        long violated = StartupOrder.againstModel(model, timeline).stream().filter(Finding::failed).count();
        summary.add(StartupEdge.fromModel(model).size() + " depends_on edges judged, " + violated + " violated");
        String svg = TimelineSvg.render(model, timeline, notes, title, figures.allReady());
        String markdown = TimelineMarkdown.render(model, timeline, notes, title, summary);
        Path written = StartupReport.write(SharedTarget.projectRoot(), svg, markdown);
        Allure.addAttachment("startup timeline", "image/svg+xml", svg, ".svg");
        Allure.addAttachment("startup timeline (table)", "text/markdown", markdown, ".md");
        figures.lines().forEach(line -> System.out.println("[startup] " + line));

        List<String> missing = model.services().stream().map(Service::name).filter(s -> !timeline.mentions(s)).toList();
        assertThat(missing).as("model services with no container event in environment %s", target.name()).isEmpty();
        assertThat(Files.readString(written.resolve(StartupReport.SVG))).isEqualTo(svg);
        assertThat(figures.notReady()).as("model services never ready in the events of environment %s", target.name())
                .isEmpty();
    }

    /**
     * The events of a start the harness watched (its own bring-up, or a deploy). Where it only connected to a stack
     * already running (a production check) there is no start to judge: the spec aborts saying so, never passes.
     */
    private static List<ContainerEvent> watchedStartup(Target target) {
        List<ContainerEvent> events = target.events();
        Assumptions.assumeTrue(events.stream().anyMatch(e -> e.kind() == ContainerEvent.Kind.STARTED),
                () -> "no container started on " + target.name() + " since the harness connected: startup order is"
                        + " judged where the harness watched the stack start (its bring-up, or a deploy)");
        return events;
    }

    /**
     * Timing can hide a missing edge (the dependency happened to be healthy first): each edge of the seed
     * graph and of the model must be a dependency the running stack enforces — a {@code service_healthy}
     * condition in the {@code depends_on} that Compose recorded for the dependent's container.
     */
    @TestFactory
    @DisplayName("every startup edge is a dependency the running stack enforces")
    Stream<DynamicTest> everyStartupEdgeIsEnforcedByTheRunningStack(Target target) {
        Map<String, ServiceShape> running = ServiceShape.fromInspect(target.inspect(), target::readFile);
        Map<String, String> sources = new TreeMap<>();
        ArchitectureBaseline.STARTUP_EDGES.forEach(e -> sources.merge(e.toString(), "seed", (a, b) -> a + " and " + b));
        StartupEdge.fromModel(target.model()).forEach(e -> sources.merge(e.dependency() + " -> " + e.dependent(),
                "model", (a, b) -> a + " and " + b));
        return sources.entrySet().stream().map(entry -> {
            String[] ends = entry.getKey().split(" -> ");
            return DynamicTest.dynamicTest(ends[1] + " waits for " + ends[0] + " to be healthy (" + entry.getValue()
                    + ")", () -> enforced(target, running, ends[0], ends[1], entry.getValue()));
        });
    }

    static void enforced(Target target, Map<String, ServiceShape> running, String dependency, String dependent,
                         String oracles) {
        ServiceShape shape = running.get(dependent);
        if (shape == null) {
            fail("%s has no container on %s", dependent, target.name());
        }
        String condition = shape.dependsOn().get(dependency);
        if (!"service_healthy".equals(condition)) {
            fail("startup edge %s -> %s (%s) is not enforced on %s: the depends_on Compose recorded for %s is %s%s",
                    dependency, dependent, oracles, target.name(), dependent, shape.dependsOn(),
                    condition == null ? ", without " + dependency : ", with " + dependency + " only " + condition);
        }
    }

    private static void expectPassed(Target target, Finding finding) {
        if (finding.failed()) {
            fail("%s (environment %s)", finding.message(), target.name());
        }
    }

    /** Stand-ins and fixtures are labelled on every row they touch. */
    private static Map<String, String> notes(Target target, StartupTimeline timeline) {
        Map<String, String> notes = new LinkedHashMap<>();
        for (Service service : target.model().services()) {
            if (target.fidelity(service.name()) == Fidelity.STAND_IN) {
                notes.put(service.name(), Fidelity.STAND_IN.label());
            }
        }
        Stream.of(Fixture.values()).map(Fixture::service).filter(timeline::mentions)
                .forEach(fixture -> notes.put(fixture, "fixture"));
        return notes;
    }
}
