package io.vpai.harness.ssh;

import io.vpai.harness.engine.ContainerState;

import io.vpai.harness.model.Service;
import io.vpai.harness.render.RenderedFile;
import io.vpai.harness.target.Target;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The production check: what only a read-only host needs checked, and the proof that nothing else runs there.
 * Readiness, drift (files and containers), and every destructive step refused before anything is sent. The
 * read-only conformance specs run against production as whole classes ({@code -Dvpai.env=production}); the
 * destructive ones abort there, naming the refusal. Used by {@link ProductionCheckSpec} against production and rehearsed by the preprod suite.
 */
final class ProductionCheck {
    private ProductionCheck() {
    }

    /**
     * @param composeTexts the compose files the host should be running (the rendered one, plus any override)
     * @param renderedFiles where each rendered file should lie on the host
     */
    static Stream<DynamicNode> nodes(SshTarget target, List<String> composeTexts, Map<String, RenderedFile> renderedFiles) {
        return Stream.of(
                DynamicContainer.dynamicContainer("every service is ready on " + target.name(), target.model().services()
                        .stream().map(service -> dynamicTest(service.name() + " is " + expected(service), () ->
                                assertThat(target.states().get(service.name())).as("state of %s on %s", service.name(),
                                        target.name()).isEqualTo(expected(service))))),
                dynamicTest("the host's compose files are the rendered ones, byte for byte", () ->
                        assertThat(LiveDrift.files(target, renderedFiles)).as("file drift on %s", target.name()).isEmpty()),
                dynamicTest("the running containers match the compose files (image, networks, ports, health check)", () ->
                        assertThat(LiveDrift.containers(target, composeTexts)).as("drift on %s", target.name()).isEmpty()),
                DynamicContainer.dynamicContainer("every destructive step is refused on " + target.name(), Stream.of(
                        dynamicTest("no destructive capability is handed out", () -> {
                            assertThat(target.destructive()).isEmpty();
                            assertThat(target.destructiveAllowed()).isFalse();
                        }),
                        dynamicTest("a restart is refused before anything is sent", () -> assertThat(catchThrowableOfType(
                                Target.DestructiveRefused.class, () -> target.requireDestructive("restart redis")))
                                .hasMessageContaining("environment '" + target.name() + "' is read-only: refusing to restart redis")))));
    }

    private static ContainerState expected(Service service) {
        return service.healthCheck().isPresent() ? ContainerState.HEALTHY : ContainerState.RUNNING;
    }
}
