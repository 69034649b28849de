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
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("The timeline as an SVG picture and a Markdown table")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.STARTUP_TIMELINE)
class TimelineRenderTest {
    private final Stack vpai = VpaiStack.model();
    private final List<ContainerEvent> events = new SyntheticBringUp(vpai).events();
    private final StartupTimeline timeline = StartupTimeline.from(events);
    private final Map<String, String> notes = Map.of("n8n", "stand-in", "fixture-vpn-client", "fixture");

    @Test
    void theSvgIsWellFormedAndShowsEveryServiceWithItsLabel() throws Exception {
        String svg = TimelineSvg.render(vpai, timeline, notes, "Startup <offline> & co",
                StartupFigures.of(vpai, timeline).allReady());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("svg");
        assertThat(svg).contains(">n8n (stand-in)<", ">postgresql<", ">caddy<", "Startup &lt;offline&gt; &amp; co",
                "all healthy +", "12:00:00.000 UTC");
        assertThat(svg).as("diun has no health check: a running bar, not a starting one").contains("running (no health check)");
        assertThat(svg).isEqualTo(TimelineSvg.render(vpai, timeline, notes, "Startup <offline> & co",
                StartupFigures.of(vpai, timeline).allReady()));
    }

    @Test
    void aServiceThatNeverTurnedHealthyShowsSoInThePicture() {
        List<ContainerEvent> stuck = events.stream()
                .filter(e -> !(e.service().equals("caddy") && e.kind() == Kind.HEALTHY)).toList();
        String svg = TimelineSvg.render(vpai, StartupTimeline.from(stuck), notes, "t", Optional.empty());
        assertThat(svg).contains("never healthy").doesNotContain("all healthy +");
    }

    @Test
    void theMarkdownTableHasOneRowPerServiceInStartOrderWithHandoffs() {
        String md = TimelineMarkdown.render(vpai, timeline, notes, "Startup timeline", List.of("figure one"));
        List<String> rows = new ArrayList<>(md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| service"))
                .toList());
        assertThat(rows).hasSize(vpai.services().size());
        assertThat(rows.get(0)).as("services without dependencies start first, by name").startsWith("| diun | real |");
        assertThat(md).contains("| n8n | stand-in | +1.055 s | +1.095 s | +2.095 s | 1000.0 ms | postgresql healthy +55.0 ms |");
        assertThat(rows.get(rows.size() - 1)).startsWith("| caddy | real |");
        assertThat(md).contains("- figure one");
    }

    @Test
    void aViolatedEdgeIsMarkedInTheTable() {
        List<ContainerEvent> broken = SyntheticBringUp.moved(events, "postgresql", Kind.HEALTHY,
                SyntheticBringUp.at(events, "n8n", Kind.STARTED).plusMillis(20));
        String md = TimelineMarkdown.render(vpai, StartupTimeline.from(broken), notes, "t", List.of());
        assertThat(md).contains("postgresql healthy −20.0 ms **before**");
    }

    @Test
    void tickStepsAreRound() {
        assertThat(TimelineSvg.tickStep(8.4)).isEqualTo(1.0);
        assertThat(TimelineSvg.tickStep(17)).isEqualTo(2.0);
        assertThat(TimelineSvg.tickStep(44)).isEqualTo(5.0);
    }
}
