package io.vpai.harness.startup;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.check.Finding;
import io.vpai.harness.model.Dependency;
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

import static io.vpai.harness.check.FindingsAssert.assertThatFindings;
import static io.vpai.harness.startup.SyntheticBringUp.at;
import static io.vpai.harness.startup.SyntheticBringUp.moved;
import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("Startup order judged from the events")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.STARTUP_TIMELINE)
class StartupOrderTest {
    private final Stack vpai = VpaiStack.model();

    @Test
    void aBringUpInDependencyOrderPassesEveryModelAndSeedEdge() {
        StartupTimeline timeline = StartupTimeline.from(new SyntheticBringUp(vpai).events());
        List<Finding> model = StartupOrder.againstModel(vpai, timeline);
        assertThat(model).hasSize(StartupEdge.fromModel(vpai).size()).hasSize(13);
        assertThatFindings(model).allPass()
                .hasFinding(io.vpai.harness.check.Status.PASS, "n8n",
                        "n8n started 12:00:01.095 after postgresql was healthy at 12:00:01.040 (+55.0 ms)");
        assertThatFindings(StartupOrder.againstSeed(timeline)).allPass();
    }

    @Test
    void aDependentStartedBeforeItsDependencyWasHealthyFailsNamingBoth() {
        List<ContainerEvent> events = new SyntheticBringUp(vpai).events();
        Instant caddyStarted = at(events, "caddy", Kind.STARTED);
        List<ContainerEvent> broken = moved(events, "grafana", Kind.HEALTHY, caddyStarted.plusMillis(666));
        List<Finding> findings = StartupOrder.againstModel(vpai, StartupTimeline.from(broken));
        assertThatFindings(findings)
                .hasFailure("caddy", "caddy started " + Moments.clock(caddyStarted) + " before grafana was healthy at "
                        + Moments.clock(caddyStarted.plusMillis(666)) + " (666.0 ms early)")
                .failsOnlyAbout("caddy");
        assertThat(findings.stream().filter(Finding::failed)).hasSize(1);
    }

    @Test
    void withinTheSameSecondNanosecondsDecide() {
        List<ContainerEvent> events = new SyntheticBringUp(vpai).events();
        Instant n8nStarted = at(events, "n8n", Kind.STARTED);
        StartupEdge edge = new StartupEdge("postgresql", "n8n", Dependency.Condition.HEALTHY);

        List<ContainerEvent> oneNanoBefore = moved(events, "postgresql", Kind.HEALTHY, n8nStarted.minusNanos(1));
        assertThat(StartupOrder.judge(StartupOrder.CHECK_ID, edge, StartupTimeline.from(oneNanoBefore)).failed())
                .as("healthy 1 ns before n8n started").isFalse();

        List<ContainerEvent> oneNanoAfter = moved(events, "postgresql", Kind.HEALTHY, n8nStarted.plusNanos(1));
        Finding late = StartupOrder.judge(StartupOrder.CHECK_ID, edge, StartupTimeline.from(oneNanoAfter));
        assertThat(late.failed()).as("healthy 1 ns after n8n started").isTrue();
        assertThat(late.message()).contains("n8n started", "before postgresql was healthy", "(0.0 ms early)");

        List<ContainerEvent> sameInstant = moved(events, "postgresql", Kind.HEALTHY, n8nStarted);
        assertThat(StartupOrder.judge(StartupOrder.CHECK_ID, edge, StartupTimeline.from(sameInstant)).failed())
                .as("the same instant is not 'after'").isTrue();
    }

    @Test
    void aDependencyThatNeverTurnedHealthyFailsTheEdge() {
        List<ContainerEvent> events = new SyntheticBringUp(vpai).events().stream()
                .filter(e -> !(e.service().equals("redis") && e.kind() == Kind.HEALTHY)).toList();
        assertThatFindings(StartupOrder.againstModel(vpai, StartupTimeline.from(events)))
                .hasFailureContaining("litellm", "litellm started", "before redis was healthy",
                        "no healthy event for redis at all")
                .failsOnlyAbout("litellm");
    }

    @Test
    void aDependentThatNeverStartedFailsTheEdge() {
        List<ContainerEvent> events = new SyntheticBringUp(vpai).events().stream()
                .filter(e -> !e.service().equals("openclaw")).toList();
        List<Finding> findings = StartupOrder.againstModel(vpai, StartupTimeline.from(events));
        assertThatFindings(findings).hasFailureContaining("openclaw", "openclaw never started",
                "startup order after litellm");
        // and caddy, which waits for openclaw, started before openclaw was healthy
        assertThatFindings(findings).hasFailureContaining("caddy", "before openclaw was healthy");
    }

    @Test
    void aStartedConditionIsJudgedOnTheDependencysStart() {
        List<ContainerEvent> events = new SyntheticBringUp(vpai).events();
        StartupEdge started = new StartupEdge("litellm", "openclaw", Dependency.Condition.STARTED);
        Instant openclawStarted = at(events, "openclaw", Kind.STARTED);
        assertThat(StartupOrder.judge(StartupOrder.CHECK_ID, started, StartupTimeline.from(events)).message())
                .contains("after litellm was started");
        List<ContainerEvent> broken = moved(events, "litellm", Kind.STARTED, openclawStarted.plusMillis(5));
        assertThat(StartupOrder.judge(StartupOrder.CHECK_ID, started, StartupTimeline.from(broken)).message())
                .contains("openclaw started", "before litellm was started", "(5.0 ms early)");
    }

    /**
     * The acceptance test "drop a dependency": caddy no longer waits for grafana, so Compose starts it
     * while grafana is still starting. The model's own edges all pass — nothing in the model says
     * otherwise — but the analysis against the seed's graph names caddy and grafana.
     */
    @Test
    void aDroppedDependencyIsCaughtAgainstTheSeedGraph() {
        Stack dropped = vpai.withService("caddy", s -> s.withDependsOn(
                s.dependsOn().stream().filter(d -> !d.service().equals("grafana")).toList()));
        List<ContainerEvent> events = new SyntheticBringUp(dropped)
                .readiness("grafana", Duration.ofSeconds(6)).events();
        StartupTimeline timeline = StartupTimeline.from(events);
        assertThat(at(events, "caddy", Kind.STARTED)).isBefore(at(events, "grafana", Kind.HEALTHY));

        assertThatFindings(StartupOrder.againstModel(dropped, timeline)).allPass();
        List<Finding> seed = StartupOrder.againstSeed(timeline);
        assertThatFindings(seed)
                .hasFailureContaining("caddy", "caddy started", "before grafana was healthy at")
                .failsOnlyAbout("caddy");
        assertThat(seed.stream().filter(Finding::failed).map(Finding::checkId)).containsOnly(StartupOrder.SEED_CHECK_ID);
    }

    @Test
    void theSeedGraphHasTheSectionSevenEdgesAllHealthy() {
        List<StartupEdge> seed = StartupEdge.fromSeed();
        assertThat(seed).hasSize(13).allMatch(e -> e.condition() == Dependency.Condition.HEALTHY);
        assertThat(seed).contains(new StartupEdge("grafana", "caddy", Dependency.Condition.HEALTHY));
        assertThat(new StartupEdge("postgresql", "n8n", Dependency.Condition.HEALTHY).sentence())
                .isEqualTo("n8n started after postgresql was healthy");
        List<String> modelEdges = new ArrayList<>(StartupEdge.fromModel(vpai).stream().map(StartupEdge::toString).toList());
        assertThat(modelEdges).containsExactlyElementsOf(seed.stream().map(StartupEdge::toString).toList());
    }
}
