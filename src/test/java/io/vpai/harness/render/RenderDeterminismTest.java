package io.vpai.harness.render;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("gate")
@DisplayName("Rendering is deterministic, byte for byte")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.RENDERING)
class RenderDeterminismTest {

    @Test
    void twoRendersOfTwoModelInstancesAreByteForByteEqual() {
        List<RenderedFile> first = RenderAll.render(VpaiStack.model());
        List<RenderedFile> second = RenderAll.render(VpaiStack.model());

        assertThat(second).isEqualTo(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).bytes()).as(first.get(i).path()).isEqualTo(first.get(i).bytes());
        }
    }

    @Test
    void filesAreSortedByPathAndEveryRendererContributes() {
        List<RenderedFile> files = Rendered.all();

        assertThat(files).extracting(RenderedFile::path).isSorted().doesNotHaveDuplicates().containsExactly(
                "ARCHITECTURE.md",
                "seko-vpn/docker-compose.yml",
                "seko-vpn/headscale/config/config.yaml",
                "sese-ai/.env.example",
                "sese-ai/backup/crontab",
                "sese-ai/backup/pre-backup.sh",
                "sese-ai/backup/restic-backup.sh",
                "sese-ai/caddy/Caddyfile", "sese-ai/caddy/environment.caddy",
                "sese-ai/docker-compose.yml",
                "sese-ai/litellm/config.yaml",
                "sese-ai/litellm/virtual-keys.yaml",
                "sese-ai/openclaw/openclaw.json",
                "sese-ai/postgres/init-databases.sql");
    }

    @Test
    void everyFileHasUnixLineEndingsAFinalNewlineAndTheGeneratedNotice() {
        for (RenderedFile file : Rendered.all()) {
            assertThat(file.content()).as(file.path()).endsWith("\n").doesNotContain("\r")
                    .contains(Generated.NOTICE);
        }
    }

    @Test
    void onlyTheScriptsAreExecutable() {
        assertThat(Rendered.all()).filteredOn(RenderedFile::executable).extracting(RenderedFile::path)
                .containsExactly(BackupScriptRenderer.PRE_BACKUP, BackupScriptRenderer.RESTIC);
    }

    @Test
    void twoRenderersClaimingOnePathIsAnError() {
        Stack model = VpaiStack.model();
        List<Renderer> clash = List.of(new SeseComposeRenderer(), new SeseComposeRenderer());

        assertThatThrownBy(() -> RenderAll.render(model, clash))
                .hasMessageContaining(SeseComposeRenderer.PATH).hasMessageContaining("rendered by both");
    }

    @Test
    void aRenderedPathMustStayBelowTheRoot() {
        assertThatThrownBy(() -> RenderedFile.text("../escape.txt", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RenderedFile.text("/etc/passwd", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RenderedFile.text("a\\b", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RenderedFile.text("a.txt", "x\r\n")).isInstanceOf(IllegalArgumentException.class);
    }
}
