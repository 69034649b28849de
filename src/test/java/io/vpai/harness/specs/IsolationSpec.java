package io.vpai.harness.specs;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import io.vpai.harness.report.Behaviors;
import io.qameta.allure.Allure;
import io.vpai.harness.baseline.ArchitectureBaseline;
import io.vpai.harness.check.Finding;
import io.vpai.harness.check.Waivers;
import io.vpai.harness.isolation.Expectation;
import io.vpai.harness.isolation.IsolationMatrix;
import io.vpai.harness.isolation.MatrixMarkdown;
import io.vpai.harness.isolation.MatrixResult;
import io.vpai.harness.isolation.MatrixSvg;
import io.vpai.harness.isolation.Verdict;
import io.vpai.harness.model.Network;
import io.vpai.harness.model.Waiver;
import io.vpai.harness.probe.ProbeError;
import io.vpai.harness.support.RequiresDocker;
import io.vpai.harness.support.SharedTarget;
import io.vpai.harness.target.Target;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Network isolation, probed by address from inside each service's namespace: every service to every
 * other service's declared ports on each of its networks, every service to the internet sentinel, every
 * service to the Docker host on its own bridges. One test per path, named as the model's sentence.
 */
@Tag("stack")
@RequiresDocker
@DisplayName("Network isolation")
@Epic(Behaviors.CONFORMANCE)
@Feature(Behaviors.NETWORK_ISOLATION)
@Story("Every path as the model and the Service Matrix say")
class IsolationSpec {
    private static final String NAMESPACE = "isolation.";

    @TestFactory
    @DisplayName("every path is open exactly where the model says so")
    Stream<DynamicTest> everyPathIsOpenExactlyWhereTheModelSaysSo(Target target) {
        MatrixResult result = IsolationMatrix.observe(target, LocalDate.now());
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("the matrix holds reachable and unreachable paths (" + result.verdicts().size()
                + " probes on " + result.environment() + ")", () -> {
            assertThat(result.verdicts()).as("expected-reachable paths").anyMatch(v -> v.expectation().reachable());
            assertThat(result.verdicts()).as("expected-unreachable paths").anyMatch(v -> !v.expectation().reachable());
        }));
        for (Verdict verdict : result.verdicts()) {
            tests.add(dynamicTest(verdict.sentence(), () -> {
                if (verdict.error()) {
                    throw new ProbeError(verdict.finding().message());
                }
                if (verdict.violation()) {
                    fail(verdict.finding().message());
                }
                baselineAgrees(target, verdict);
            }));
        }
        tests.add(dynamicTest("every isolation waiver matches a check that ran", () -> {
            List<Waiver> ours = target.model().waivers().stream()
                    .filter(w -> w.checkId().startsWith(NAMESPACE)).toList();
            List<Finding> ran = result.verdicts().stream().map(Verdict::finding).toList();
            assertThat(Waivers.unmatched(ours, ran)).extracting(Finding::message).isEmpty();
        }));
        tests.add(dynamicTest("the matrix is written to " + MatrixMarkdown.PATH + " and " + MatrixSvg.PATH,
                () -> writeReports(result)));
        return tests.stream();
    }

    /**
     * The second oracle for service-to-service paths: the Service Matrix says a path is open exactly when both
     * services sit on the network and the port is the destination's. The observation passed the model's
     * expectation; if the architecture expects otherwise, the model is what disagrees, and the message says so.
     */
    static void baselineAgrees(Target target, Verdict verdict) {
        Expectation e = verdict.expectation();
        if (e.kind() != Expectation.Kind.SERVICE) {
            return;
        }
        var source = ArchitectureBaseline.matrixRow(e.source());
        var destination = ArchitectureBaseline.matrixRow(e.destination());
        if (source.isEmpty() || destination.isEmpty()) {
            return; // fixtures stand for the outside world: the matrix has no row for them
        }
        boolean open = source.get().networks().contains(e.network()) && destination.get().networks().contains(e.network())
                && destination.get().ports().contains(e.port());
        if (verdict.reached() != open) {
            fail("%s was observed %s on %s, as the model expects, but %s expects it %s (%s on %s; %s on %s, ports %s)",
                    e.path(), verdict.reached() ? "reachable" : "unreachable", target.name(),
                    ArchitectureBaseline.says("Service Matrix"), open ? "reachable" : "unreachable", e.source(),
                    source.get().networksText(), e.destination(), destination.get().networksText(),
                    destination.get().ports());
        }
    }

    private static void writeReports(MatrixResult result) throws IOException {
        Path root = SharedTarget.projectRoot();
        Files.createDirectories(root.resolve(MatrixSvg.PATH).getParent());
        String markdown = MatrixMarkdown.render(result);
        String svg = MatrixSvg.render(result);
        Files.writeString(root.resolve(MatrixMarkdown.PATH), markdown);
        Files.writeString(root.resolve(MatrixSvg.PATH), svg);
        Allure.addAttachment("Reachability matrix", "text/markdown", markdown, ".md");
        Allure.addAttachment("Reachability matrix picture", "image/svg+xml", svg, ".svg");
    }


}
