package io.vpai.harness.gate.rendered;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.check.Finding;
import io.vpai.harness.check.Status;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 9, item 7.2: the gate loads every environment file, each problem one FAIL with the loader's line. */
@Tag("gate")
@DisplayName("The gate loads every environment file, one FAIL per problem with the loader's line")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.ENVIRONMENT_FILES)
class EnvironmentFilesRuleTest {
    @Test
    void everyCommittedEnvironmentFilePasses() {
        List<Finding> findings = new EnvironmentFilesRule(Path.of("").toAbsolutePath()).evaluate(VpaiStack.model());

        assertThat(findings).extracting(Finding::subject).containsExactly("environments/local.yaml",
                "environments/offline.yaml", "environments/preprod.yaml", "environments/production.yaml");
        assertThat(findings).extracting(Finding::status).containsOnly(Status.PASS);
    }

    @Test
    void aBrokenFileAndAnEmptyFolderFail(@TempDir Path project) throws IOException {
        Path environments = Files.createDirectories(project.resolve("environments"));
        EnvironmentFilesRule rule = new EnvironmentFilesRule(project);
        assertThat(rule.evaluate(VpaiStack.model())).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).isEqualTo("environments/ holds no environment file (*.yaml)");
        });

        Files.writeString(environments.resolve("broken.yaml"), "name: broken\nname: again\n");
        assertThat(rule.evaluate(VpaiStack.model())).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.subject()).isEqualTo("environments/broken.yaml");
            assertThat(f.message()).isEqualTo("environments/broken.yaml:2: name: duplicate key (first at line 1)");
        });
    }
}
