package io.vpai.harness.render;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Compose tool accepts both rendered compose files unchanged. Debian's docker-compose 1.29.2
 * is the one available offline; Compose v2 reads the same subset (no version:, no name:). Every
 * variable comes from the .env.example names with a dummy value, and an unset-variable warning fails.
 */
@Tag("gate")
@DisplayName("The real Compose tool accepts both rendered compose files unchanged")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.REAL_TOOLS)
class ComposeConfigToolTest {
    @TempDir
    Path root;

    @TestFactory
    Stream<DynamicTest> dockerComposeConfigAcceptsEveryRenderedComposeFile() {
        return Stream.of(SeseComposeRenderer.PATH, SekoComposeRenderer.PATH)
                .map(path -> DynamicTest.dynamicTest("docker-compose config -q accepts " + path, () -> check(path)));
    }

    private void check(String path) throws Exception {
        Path tool = ExternalTool.require("docker-compose", "apt-get install docker-compose");
        List<RenderedFile> files = Rendered.all();
        AtomicWriter.write(root, files);
        Path file = root.resolve(path);

        ExternalTool.Result result = ExternalTool.run(List.of(tool.toString(), "-f", file.toString(), "config", "-q"),
                file.getParent(), dummyValues(files, path));

        assertThat(result.exitCode()).withFailMessage("docker-compose rejected %s:%n%s", path, result.both()).isZero();
        assertThat(result.stderr()).as("warnings for " + path).doesNotContain("is not set").doesNotContainIgnoringCase("warning");
    }

    /** NAME=dummy-NAME for every variable the directory's .env.example lists. */
    private static Map<String, String> dummyValues(List<RenderedFile> files, String composePath) {
        String example = composePath.substring(0, composePath.lastIndexOf('/') + 1) + ".env.example";
        Map<String, String> values = new LinkedHashMap<>();
        files.stream().filter(f -> f.path().equals(example)).findFirst().ifPresent(f -> {
            for (String line : f.content().split("\n")) {
                if (line.matches("[A-Za-z_][A-Za-z0-9_]*=")) {
                    String name = line.substring(0, line.length() - 1);
                    values.put(name, "dummy-" + name);
                }
            }
        });
        return values;
    }

    @TestFactory
    Stream<DynamicTest> theToolWouldNoticeAnUnsetVariable() {
        return Stream.of(DynamicTest.dynamicTest("docker-compose warns when a variable is missing from the environment", () -> {
            Path tool = ExternalTool.require("docker-compose", "apt-get install docker-compose");
            List<RenderedFile> files = Rendered.all();
            AtomicWriter.write(root, files);
            Path file = root.resolve(SeseComposeRenderer.PATH);
            Map<String, String> environment = dummyValues(files, SeseComposeRenderer.PATH);
            environment.put("REDIS_PASSWORD", null);

            ExternalTool.Result result = ExternalTool.run(List.of(tool.toString(), "-f", file.toString(), "config", "-q"),
                    file.getParent(), environment);

            assertThat(result.stderr()).contains("REDIS_PASSWORD").contains("not set");
        }));
    }
}
