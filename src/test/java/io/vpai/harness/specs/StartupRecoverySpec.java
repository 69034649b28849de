package io.vpai.harness.specs;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.check.Finding;
import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.Route;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.probe.HttpProbe;
import io.vpai.harness.probe.ProbeRunner;
import io.vpai.harness.engine.ContainerEvent;
import io.vpai.harness.engine.ContainerState;
import io.vpai.harness.support.Capabilities;
import io.vpai.harness.engine.ContainerEvent.Kind;
import io.vpai.harness.environment.Fixture;
import io.vpai.harness.startup.Recovery;
import io.vpai.harness.support.RequiresDocker;
import io.vpai.harness.target.Target;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The stack comes back after its databases restart, within the bound the model declares (a fault: runs last). */
@Tag("stack")
@Tag("destructive")
@RequiresDocker
@DisplayName("Startup order: recovery after a database restart")
@Epic(Behaviors.CONFORMANCE)
@Feature(Behaviors.STARTUP_ORDER)
@Story("Recovery after a database restart")
class StartupRecoverySpec {
    private static final Duration POLL = Duration.ofMillis(250);

    /**
     * Restart PostgreSQL, then Redis: each comes back, every service depending on it (transitively) is
     * healthy again, and every proxied route answers through Caddy without a 5xx — all within the
     * model's {@link VpaiStack#RECOVERY_BOUND}. Offline, most dependents are stand-ins that do not really
     * use the database; what is asserted still holds for them and their rows say so.
     */
    @TestFactory
    @DisplayName("after a database restarts, everything depending on it recovers")
    Stream<DynamicNode> afterADatabaseRestartsEverythingDependingOnItRecovers(Target target) {
        Capabilities.destructive(target, "restart postgresql and redis");
        return Stream.of("postgresql", "redis").map(database -> recovery(target, database));
    }

    private DynamicContainer recovery(Target target, String database) {
        Duration bound = VpaiStack.RECOVERY_BOUND;
        String within = "within " + bound.toSeconds() + " s of the " + database + " restart";
        AtomicReference<Instant> restarted = new AtomicReference<>();
        List<DynamicNode> steps = new ArrayList<>();
        steps.add(DynamicTest.dynamicTest(database + " restarts and is healthy again within " + bound.toSeconds() + " s",
                () -> restart(target, database, bound, restarted)));
        for (String dependent : target.model().dependentsOf(database)) {
            steps.add(DynamicTest.dynamicTest(dependent + label(target, dependent) + " is healthy again " + within,
                    () -> {
                        withinBound(restarted, bound, dependent + " healthy again " + within
                                + " (environment " + target.name() + ")",
                                () -> assertThat(target.states().get(dependent)).as("state of %s", dependent)
                                        .isEqualTo(ContainerState.HEALTHY));
                        realOrSkipped(target, dependent);
                    }));
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
                realOrSkipped(target, upstream);
            }));
        }
    }

    private static void restart(Target target, String database, Duration bound, AtomicReference<Instant> restarted) {
        long startsBefore = count(target.events(), database, Kind.STARTED);
        Instant start = Instant.now();
        restarted.set(start);
        try {
            Capabilities.destructive(target, "restart " + database).restart(database, bound);
        } catch (RuntimeException e) {
            fail("%s not healthy again within %d s after its restart (environment %s): %s", database,
                    bound.toSeconds(), target.name(), e.getMessage());
        }
        withinBound(restarted, bound, database + " healthy again after its restart (environment " + target.name() + ")",
                () -> assertThat(target.states().get(database)).as("state of %s", database).isEqualTo(ContainerState.HEALTHY));
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

    /**
     * Awaitility within what is left of the bound since the restart began; a timeout names what did not recover,
     * and a check that only gets to run after the bound fails.
     */
    private static void withinBound(AtomicReference<Instant> restarted, Duration bound, String what,
                                    ThrowingRunnable assertion) {
        Instant since = restarted.get();
        assumeTrue(since != null, "the restart step did not run");
        Duration left = bound.minus(Duration.between(since, Instant.now()));
        if (left.isNegative() || left.isZero()) {
            // Healthy now says nothing about healthy in time: past the bound, the check cannot pass.
            fail("not %s: the %d s bound had passed before it could be checked (%d s since the restart began)", what,
                    bound.toSeconds(), Duration.between(since, Instant.now()).toSeconds());
        }
        try {
            await().atMost(left).pollDelay(Duration.ZERO).pollInterval(POLL).untilAsserted(assertion);
        } catch (ConditionTimeoutException e) {
            fail("not %s: %s", what, e.getMessage());
        }
    }

    /** A stand-in does not use the database: its recovery is not the component's, so its row is skipped. */
    private static void realOrSkipped(Target target, String service) {
        Assumptions.assumeFalse(target.fidelity(service) == Fidelity.STAND_IN, service
                + " is a stand-in on " + target.name() + ": it answers its health check without using the database");
    }

    private static String label(Target target, String service) {
        return target.fidelity(service) == Fidelity.STAND_IN ? " (stand-in)" : "";
    }

    private static long count(List<ContainerEvent> events, String service, Kind kind) {
        return events.stream().filter(e -> e.service().equals(service) && e.kind() == kind).count();
    }

    private static Instant last(List<ContainerEvent> events, String service, Kind kind) {
        return events.stream().filter(e -> e.service().equals(service) && e.kind() == kind)
                .map(ContainerEvent::time).max(Instant::compareTo).orElse(Instant.EPOCH);
    }
}
