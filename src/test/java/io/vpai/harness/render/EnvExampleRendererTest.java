package io.vpai.harness.render;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Value;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName(".env.example lists every variable the shipped files read")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.RENDERING)
class EnvExampleRendererTest {
    private final Stack model = VpaiStack.model();

    private static Set<String> names(String envExample) {
        return envExample.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.substring(0, l.indexOf('='))).collect(Collectors.toSet());
    }

    @Test
    void everyVariableAComposeFileInterpolatesIsListedBesideIt() {
        List<RenderedFile> files = RenderAll.render(model);
        for (String compose : List.of(SeseComposeRenderer.PATH, SekoComposeRenderer.PATH)) {
            Set<String> used = Interpolation.variables(Rendered.file(files, compose).content());
            String example = compose.replace("docker-compose.yml", ".env.example");
            if (used.isEmpty()) {
                assertThat(files).extracting(RenderedFile::path).as(compose + " reads no variable").doesNotContain(example);
                continue;
            }
            assertThat(names(Rendered.file(files, example).content())).as(example).containsAll(used);
        }
    }

    @Test
    void everyVariableTheScriptsReadIsListed() {
        Set<String> listed = names(Rendered.text(EnvExampleRenderer.SESE_PATH));

        BackupScriptRenderer.preBackupEnvironment(model).forEach(v -> assertThat(listed).contains(v.name()));
        BackupScriptRenderer.resticEnvironment(model).forEach(v -> assertThat(listed).contains(v.name()));
    }

    @Test
    void linesAreCommentsOrNamesWithoutValuesEachOnce() {
        String example = Rendered.text(EnvExampleRenderer.SESE_PATH);
        List<String> assignments = example.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();

        assertThat(assignments).allSatisfy(l -> assertThat(l).matches("[A-Z][A-Z0-9_]*="));
        assertThat(assignments).doesNotHaveDuplicates();
    }

    @Test
    void secretsAreMarkedAsSecrets() {
        List<String> lines = Rendered.text(EnvExampleRenderer.SESE_PATH).lines().toList();
        int index = lines.indexOf("POSTGRES_PASSWORD=");

        assertThat(lines.get(index - 1)).startsWith("# secret;").contains("postgresql (POSTGRES_PASSWORD)");
    }

    @Test
    void aNewVariableInTheModelAppears() {
        Stack twin = model.withService("grafana", s -> {
            Map<String, Value> environment = new LinkedHashMap<>(s.environment());
            environment.put("GF_SMTP_PASSWORD", Value.secret("GRAFANA_SMTP_PASSWORD"));
            return s.withEnvironment(environment);
        });

        assertThat(names(Rendered.text(twin, EnvExampleRenderer.SESE_PATH))).contains("GRAFANA_SMTP_PASSWORD");
    }

    @Test
    void interpolationFindsBracedAndBareNamesButNotEscapedDollars() {
        assertThat(Interpolation.variables("a ${ONE} $TWO ${THREE:-x} $$NOT ${FOUR?err} $5"))
                .containsExactly("ONE", "TWO", "THREE", "FOUR");
    }
}
