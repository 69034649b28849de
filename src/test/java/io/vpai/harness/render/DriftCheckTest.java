package io.vpai.harness.render;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("The drift check names every difference with its first differing line")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.RENDERED_FILES)
class DriftCheckTest {
    @TempDir
    Path root;

    @Test
    void aFreshWriteHasNoDrift() throws IOException {
        AtomicWriter.write(root, Rendered.all());

        assertThat(DriftCheck.compare(root, Rendered.all())).isEmpty();
    }

    @Test
    void reportsMissingExtraChangedAndModeWithTheFirstDifferingLine() throws IOException {
        List<RenderedFile> files = Rendered.all();
        AtomicWriter.write(root, files);
        Files.delete(root.resolve(HeadscaleConfigRenderer.PATH));
        Files.writeString(root.resolve("sese-ai/notes.txt"), "hand-made\n");
        Path compose = root.resolve(SeseComposeRenderer.PATH);
        List<String> lines = Files.readAllLines(compose);
        lines.set(6, lines.get(6) + " # edited");
        Files.write(compose, lines);
        Files.setPosixFilePermissions(root.resolve(BackupScriptRenderer.PRE_BACKUP), PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(root.resolve("sese-ai/.env"), "ignored=1\n");

        List<DriftCheck.Difference> differences = DriftCheck.compare(root, files);

        assertThat(differences).extracting(DriftCheck.Difference::path, DriftCheck.Difference::kind, DriftCheck.Difference::line)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(HeadscaleConfigRenderer.PATH, DriftCheck.Kind.MISSING, 0),
                        org.assertj.core.groups.Tuple.tuple("sese-ai/notes.txt", DriftCheck.Kind.EXTRA, 0),
                        org.assertj.core.groups.Tuple.tuple(SeseComposeRenderer.PATH, DriftCheck.Kind.CHANGED, 7),
                        org.assertj.core.groups.Tuple.tuple(BackupScriptRenderer.PRE_BACKUP, DriftCheck.Kind.MODE, 0));
        assertThat(differences.stream().filter(d -> d.kind() == DriftCheck.Kind.CHANGED).findFirst().orElseThrow().toString())
                .contains("differs at line 7").contains("# edited");
    }

    @Test
    void aTruncatedFileDiffersAtTheLineAfterItsEnd() {
        assertThat(DriftCheck.firstDifferingLine("a\nb\nc\n", "a\nb\n")).isEqualTo(3);
    }
}
