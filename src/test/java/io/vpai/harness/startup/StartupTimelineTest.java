package io.vpai.harness.startup;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.engine.ContainerEvent;
import io.vpai.harness.engine.ContainerEvent.Kind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.vpai.harness.startup.SyntheticBringUp.T0;
import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("The startup timeline from Docker's events")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.STARTUP_TIMELINE)
class StartupTimelineTest {
    private final Stack vpai = VpaiStack.model();

    @Test
    void keepsTheFirstBringUpAndIgnoresLaterRestarts() {
        List<ContainerEvent> events = new ArrayList<>(List.of(
                new ContainerEvent(T0.plusSeconds(30), "postgresql", Kind.STARTED),   // a restart, out of order
                new ContainerEvent(T0.plusSeconds(31), "postgresql", Kind.HEALTHY),
                new ContainerEvent(T0, "postgresql", Kind.CREATED),
                new ContainerEvent(T0.plusMillis(50), "postgresql", Kind.STARTED),
                new ContainerEvent(T0.plusMillis(1050), "postgresql", Kind.HEALTHY)));
        ServiceLifecycle pg = StartupTimeline.from(events).of("postgresql");
        assertThat(pg.started()).contains(T0.plusMillis(50));
        assertThat(pg.healthy()).contains(T0.plusMillis(1050));
        assertThat(pg.ownReadiness()).contains(Duration.ofMillis(1000));
    }

    @Test
    void aHealthyEventBeforeAnyStartIsNotTheServicesReadiness() {
        StartupTimeline timeline = StartupTimeline.from(List.of(
                new ContainerEvent(T0, "redis", Kind.HEALTHY),
                new ContainerEvent(T0.plusMillis(10), "redis", Kind.STARTED)));
        assertThat(timeline.of("redis").healthy()).isEmpty();
        assertThat(timeline.of("redis").ownReadiness()).isEmpty();
    }

    @Test
    void anUnmentionedServiceHasNoMoments() {
        StartupTimeline timeline = StartupTimeline.from(List.of());
        assertThat(timeline.mentions("caddy")).isFalse();
        assertThat(timeline.of("caddy").started()).isEmpty();
        assertThat(timeline.origin()).isEmpty();
    }

    @Test
    void rowsFollowStartOrder() {
        StartupTimeline timeline = StartupTimeline.from(new SyntheticBringUp(vpai).events());
        List<String> order = timeline.inStartOrder().stream().map(ServiceLifecycle::service).toList();
        assertThat(order.indexOf("postgresql")).isLessThan(order.indexOf("n8n"));
        assertThat(order.indexOf("litellm")).isLessThan(order.indexOf("openclaw"));
        assertThat(order.get(order.size() - 1)).isEqualTo("caddy");
        assertThat(timeline.origin()).contains(T0);
    }

    @Test
    void theCriticalPathIsTheLongestChainOfOwnReadiness() {
        StartupTimeline timeline = StartupTimeline.from(new SyntheticBringUp(vpai)
                .readiness("redis", Duration.ofMillis(1500)).events());
        CriticalPath path = CriticalPath.of(vpai, timeline);
        // redis (1.5 s) → litellm → openclaw → caddy (1 s each) beats postgresql (1 s) → …
        assertThat(path.chain()).containsExactly("redis", "litellm", "openclaw", "caddy");
        assertThat(path.total()).isEqualTo(Duration.ofMillis(4500));
        assertThat(path.describe()).isEqualTo("redis 1.50 s → litellm 1.00 s → openclaw 1.00 s → caddy 1.00 s = 4.50 s");
    }

    @Test
    void theObservedBringUpIsFirstCreatedToLastReady() {
        StartupTimeline timeline = StartupTimeline.from(new SyntheticBringUp(vpai)
                .readiness("redis", Duration.ofMillis(1500)).events());
        StartupFigures figures = StartupFigures.of(vpai, timeline);
        // the chain above plus, per level, creation (40 ms) and the handoff (15 ms, not at the first level)
        Duration expected = Duration.ofMillis(4500 + 4 * 40 + 3 * 15);
        assertThat(figures.observed()).contains(expected);
        assertThat(figures.overhead()).contains(Duration.ofMillis(4 * 40 + 3 * 15));
        assertThat(figures.notReady()).isEmpty();
        assertThat(figures.lines().get(0)).isEqualTo("first CREATED to all healthy: 4.71 s");
    }

    @Test
    void aServiceNeverReadyLeavesTheBringUpUnfinished() {
        List<ContainerEvent> events = new SyntheticBringUp(vpai).events().stream()
                .filter(e -> !(e.service().equals("caddy") && e.kind() == Kind.HEALTHY)).toList();
        StartupFigures figures = StartupFigures.of(vpai, StartupTimeline.from(events));
        assertThat(figures.observed()).isEmpty();
        assertThat(figures.notReady()).containsExactly("caddy");
        assertThat(figures.lines().get(0)).contains("never ready: caddy");
    }

    @Test
    void momentsAreUtcToTheMillisecond() {
        assertThat(Moments.clock(Instant.parse("2026-03-01T12:00:01.234567891Z"))).isEqualTo("12:00:01.234");
        assertThat(Moments.millis(Duration.ofNanos(666_049_000))).isEqualTo("666.0 ms");
    }
}
