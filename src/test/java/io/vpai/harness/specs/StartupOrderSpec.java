package io.vpai.harness.specs;

import io.qameta.allure.Allure;
import io.vpai.harness.check.Finding;
import io.vpai.harness.check.Waivers;
import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.Route;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.probe.HttpProbe;
import io.vpai.harness.probe.ProbeRunner;
import io.vpai.harness.stack.ContainerEvent;
import io.vpai.harness.stack.ContainerEvent.Kind;
import io.vpai.harness.stack.Fixture;
import io.vpai.harness.startup.Recovery;
import io.vpai.harness.startup.StartupEdge;
import io.vpai.harness.startup.StartupFigures;
import io.vpai.harness.startup.StartupOrder;
import io.vpai.harness.startup.StartupReport;
import io.vpai.harness.startup.StartupTimeline;
import io.vpai.harness.startup.TimelineMarkdown;
import io.vpai.harness.startup.TimelineSvg;
import io.vpai.harness.support.RequiresDocker;
import io.vpai.harness.support.SharedStack;
import io.vpai.harness.target.Target;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The stack starts in the order its dependency graph says — judged from Docker's own event stream with
 * nanosecond times — and comes back after its databases restart, within the bound the model declares.
 */
@Tag("stack")
@RequiresDocker
@DisplayName("Startup order")
class StartupOrderSpec {
    private static final Duration POLL = Duration.ofMillis(250);

    @TestFactory
    @DisplayName("every dependent started after its dependency")
    Stream<DynamicTest> everyDependentStartedAfterItsDependency(Target target) {
        StartupTimeline timeline = StartupTimeline.from(target.events());
        Stack model = target.model();
        return StartupEdge.fromModel(model).stream().map(edge -> DynamicTest.dynamicTest(edge.sentence(),
                () -> expectPassed(target, Waivers.decide(model.waivers(), LocalDate.now(),
                        StartupOrder.judge(StartupOrder.CHECK_ID, edge, timeline)))));
    }

    @Test
    @DisplayName("no service started before all its seed-graph predecessors were healthy")
    void theObservedOrderIsConsistentWithTheSeedGraph(Target target) {
        List<Finding> findings = StartupOrder.againstSeed(StartupTimeline.from(target.events()));
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
        StartupTimeline timeline = StartupTimeline.from(target.events());
        StartupFigures figures = StartupFigures.of(model, timeline);
        Map<String, String> notes = notes(target, timeline);
        String title = "Startup timeline — environment " + target.name();
        List<String> summary = new ArrayList<>(figures.lines());
        long violated = StartupOrder.againstModel(model, timeline).stream().filter(Finding::failed).count();
        summary.add(StartupEdge.fromModel(model).size() + " depends_on edges judged, " + violated + " violated");
        String svg = TimelineSvg.render(model, timeline, notes, title, figures.allReady());
        String markdown = TimelineMarkdown.render(model, timeline, notes, title, summary);
        Path written = StartupReport.write(SharedStack.projectRoot(), svg, markdown);
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
     * Restart PostgreSQL, then Redis: each comes back, every service depending on it (transitively) is
     * healthy again, and every proxied route answers through Caddy without a 5xx — all within the
     * model's {@link VpaiStack#RECOVERY_BOUND}. Offline, most dependents are stand-ins that do not really
     * use the database; what is asserted still holds for them and their rows say so.
     */
    @TestFactory
    @Tag("destructive")
    @DisplayName("after a database restarts, everything depending on it recovers")
    Stream<DynamicNode> afterADatabaseRestartsEverythingDependingOnItRecovers(Target target) {
        target.requireDestructive("restart postgresql and redis");
        return Stream.of("postgresql", "redis").map(database -> recovery(target, database));
    }

    private DynamicContainer recovery(Target target, String database) {
        Duration bound = VpaiStack.RECOVERY_BOUND;
        String within = "within " + bound.toSeconds() + " s of the " + database + " restart";
        AtomicReference<Instant> restarted = new AtomicReference<>();
        List<DynamicNode> steps = new ArrayList<>();
        steps.add(DynamicTest.dynamicTest(database + " restarts and is healthy again within " + bound.toSeconds() + " s",
                () -> restart(target, database, bound, restarted)));
        for (String dependent : Recovery.dependentsOf(target.model(), database)) {
            steps.add(DynamicTest.dynamicTest(dependent + label(target, dependent) + " is healthy again " + within,
                    () -> withinBound(restarted, bound, dependent + " healthy again " + within
                            + " (environment " + target.name() + ")",
                            () -> assertThat(target.states().get(dependent)).as("state of %s", dependent)
                                    .isEqualTo("healthy"))));
        }
        target.fixtures().ifPresent(fixtures -> routes(target, database, fixtures, bound, within, restarted, steps));
        return DynamicContainer.dynamicContainer("after " + database + " restarts", steps);
    }

    private static void routes(Target target, String database, Fixtures fixtures, Duration bound, String within,
                               AtomicReference<Instant> restarted, List<DynamicNode> steps) {
        List<Route> routes = Recovery.proxiedRoutes(target.model());
        List<HttpProbe> probes = Recovery.throughProxy(target.model(), Fixture.VPN_CLIENT.service(), fixtures.tailnet());
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            HttpProbe probe = probes.get(i);
            String upstream = route.service().orElseThrow();
            steps.add(DynamicTest.dynamicTest("https://" + route.id() + " → " + upstream + label(target, upstream)
                    + " answers through Caddy without 5xx " + within, () -> {
                withinBound(restarted, bound, route.id() + " through Caddy answers without 5xx " + within, () -> {
                    Finding finding = Recovery.judge(ProbeRunner.run(target, probe), database, target.name());
                    assertThat(finding.failed()).as(finding.message()).isFalse();
                });
            }));
        }
    }

    private static void restart(Target target, String database, Duration bound, AtomicReference<Instant> restarted) {
        long startsBefore = count(target.events(), database, Kind.STARTED);
        Instant start = Instant.now();
        restarted.set(start);
        try {
            target.restart(database, bound);
        } catch (RuntimeException e) {
            fail("%s not healthy again within %d s after its restart (environment %s): %s", database,
                    bound.toSeconds(), target.name(), e.getMessage());
        }
        withinBound(restarted, bound, database + " healthy again after its restart (environment " + target.name() + ")",
                () -> assertThat(target.states().get(database)).as("state of %s", database).isEqualTo("healthy"));
        // The events prove the container really went down and came back, not that a restart was a no-op.
        withinBound(restarted, bound, database + " restart visible in the event stream", () -> {
            List<ContainerEvent> events = target.events();
            assertThat(count(events, database, Kind.STARTED)).as("start events of %s", database)
                    .isGreaterThan(startsBefore);
            Instant lastStart = last(events, database, Kind.STARTED);
            assertThat(last(events, database, Kind.HEALTHY)).as("%s healthy after its last start", database)
                    .isAfter(lastStart);
        });
        System.out.printf("[startup] %s restarted and healthy again in %.2f s (environment %s)%n", database,
                Duration.between(start, Instant.now()).toMillis() / 1000.0, target.name());
    }

    /** Awaitility within what is left of the bound since the restart began; a timeout names what did not recover. */
    private static void withinBound(AtomicReference<Instant> restarted, Duration bound, String what,
                                    ThrowingRunnable assertion) {
        Instant since = restarted.get();
        assumeTrue(since != null, "the restart step did not run");
        Duration left = bound.minus(Duration.between(since, Instant.now()));
        Duration atMost = left.compareTo(POLL) < 0 ? POLL : left;
        try {
            await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(POLL).untilAsserted(assertion);
        } catch (ConditionTimeoutException e) {
            fail("not %s: %s", what, e.getMessage());
        }
    }

    private static void expectPassed(Target target, Finding finding) {
        if (finding.failed()) {
            fail("%s (environment %s)", finding.message(), target.name());
        }
    }

    private static String label(Target target, String service) {
        return target.fidelity(service) == Fidelity.STAND_IN ? " (stand-in)" : "";
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

    private static long count(List<ContainerEvent> events, String service, Kind kind) {
        return events.stream().filter(e -> e.service().equals(service) && e.kind() == kind).count();
    }

    private static Instant last(List<ContainerEvent> events, String service, Kind kind) {
        return events.stream().filter(e -> e.service().equals(service) && e.kind() == kind)
                .map(ContainerEvent::time).max(Instant::compareTo).orElse(Instant.EPOCH);
    }
}
