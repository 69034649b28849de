package io.vpai.harness.render;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("gate")
@DisplayName("Rendered files are written whole, unchanged ones left alone")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.RENDERING)
class AtomicWriterTest {
    @TempDir
    Path project;

    private Path root() {
        return project.resolve("compose");
    }

    @Test
    void writesEveryFileWithItsBytesAndMode() throws IOException {
        List<AtomicWriter.Change> changes = AtomicWriter.write(root(), Rendered.all());

        assertThat(changes).extracting(AtomicWriter.Change::action).containsOnly(AtomicWriter.Action.CREATED);
        for (RenderedFile file : Rendered.all()) {
            Path written = root().resolve(file.path());
            assertThat(Files.readAllBytes(written)).as(file.path()).isEqualTo(file.bytes());
            assertThat(Files.getPosixFilePermissions(written).contains(PosixFilePermission.OWNER_EXECUTE))
                    .as(file.path() + " executable").isEqualTo(file.executable());
        }
    }

    @Test
    void aSecondWriteChangesNothingAndKeepsTimestamps() throws IOException {
        AtomicWriter.write(root(), Rendered.all());
        Path compose = root().resolve(SeseComposeRenderer.PATH);
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(compose, old);

        List<AtomicWriter.Change> changes = AtomicWriter.write(root(), Rendered.all());

        assertThat(changes).extracting(AtomicWriter.Change::action).containsOnly(AtomicWriter.Action.UNCHANGED);
        assertThat(Files.getLastModifiedTime(compose)).isEqualTo(old);
    }

    @Test
    void filesNoLongerRenderedAreRemovedButAnOperatorsEnvIsKept() throws IOException {
        AtomicWriter.write(root(), Rendered.all());
        Files.createDirectories(root().resolve("old/deeper"));
        Files.writeString(root().resolve("old/deeper/stale.txt"), "stale\n");
        Files.writeString(root().resolve("sese-ai/stale.yml"), "stale\n");
        Files.writeString(root().resolve("sese-ai/.env"), "POSTGRES_PASSWORD=operator-secret\n");
        Files.writeString(project.resolve("outside.txt"), "not managed\n");

        List<AtomicWriter.Change> changes = AtomicWriter.write(root(), Rendered.all());

        assertThat(changes).filteredOn(c -> c.action() == AtomicWriter.Action.REMOVED)
                .extracting(AtomicWriter.Change::path).containsExactly("old/deeper/stale.txt", "sese-ai/stale.yml");
        assertThat(root().resolve("old")).doesNotExist();
        assertThat(root().resolve("sese-ai/.env")).hasContent("POSTGRES_PASSWORD=operator-secret");
        assertThat(project.resolve("outside.txt")).exists();
    }

    @Test
    void aChangedFileIsReplacedAndReportedAsUpdated() throws IOException {
        AtomicWriter.write(root(), Rendered.all());
        Files.writeString(root().resolve(CaddyfileRenderer.PATH), "hand edit\n");

        List<AtomicWriter.Change> changes = AtomicWriter.write(root(), Rendered.all());

        assertThat(changes).filteredOn(c -> c.action() == AtomicWriter.Action.UPDATED)
                .extracting(AtomicWriter.Change::path).containsExactly(CaddyfileRenderer.PATH);
        assertThat(root().resolve(CaddyfileRenderer.PATH)).hasContent(Rendered.text(CaddyfileRenderer.PATH).stripTrailing());
    }

    @Test
    void aRendererThatThrowsLeavesTheDirectoryUntouched() throws IOException {
        AtomicWriter.write(root(), Rendered.all());
        Files.writeString(root().resolve(CaddyfileRenderer.PATH), "hand edit that a good render would replace\n");
        Map<String, String> before = snapshot(project);
        Renderer broken = stack -> {
            throw new IllegalStateException("renderer bug");
        };
        List<Renderer> renderers = new ArrayList<>(RenderAll.renderers());
        renderers.add(broken);
        Stack model = VpaiStack.model();

        assertThatThrownBy(() -> AtomicWriter.render(root(), model, renderers)).hasMessage("renderer bug");

        assertThat(snapshot(project)).isEqualTo(before);
    }

    @Test
    void conflictingPathsAreRejectedBeforeAnythingIsWritten() throws IOException {
        AtomicWriter.write(root(), Rendered.all());
        Map<String, String> before = snapshot(project);
        List<RenderedFile> conflicting = List.of(RenderedFile.text("sese-ai", "a file\n"),
                RenderedFile.text("sese-ai/docker-compose.yml", "and a directory\n"));

        assertThatThrownBy(() -> AtomicWriter.write(root(), conflicting)).isInstanceOf(IllegalArgumentException.class);

        assertThat(snapshot(project)).isEqualTo(before);
    }

    @Test
    void noStagingDirectoryIsLeftBeside() throws IOException {
        AtomicWriter.write(root(), Rendered.all());

        try (Stream<Path> siblings = Files.list(project)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("compose");
        }
    }

    @Test
    void aStaleFileWhereADirectoryIsNeededIsReplaced() throws IOException {
        Files.createDirectories(root());
        Files.writeString(root().resolve("seko-vpn"), "a stale file named like a directory\n");

        AtomicWriter.write(root(), Rendered.all());

        assertThat(root().resolve(SekoComposeRenderer.PATH)).isRegularFile();
    }

    // Issue 9, item 7.4: a write that fails midway leaves the tree byte for byte as it was.

    /** An older render: a hand edit, a stale file where a directory now belongs, stale files, an operator's .env. */
    private void olderTree() throws IOException {
        AtomicWriter.write(root(), Rendered.all());
        Files.writeString(root().resolve("ARCHITECTURE.md"), "an older model\n");
        ManagedTree.deleteTree(root().resolve("seko-vpn"));
        Files.writeString(root().resolve("seko-vpn"), "a stale file named like a directory\n");
        Files.writeString(root().resolve(CaddyfileRenderer.PATH), "hand edit\n");
        Files.writeString(root().resolve("sese-ai/stale.yml"), "stale\n");
        Files.writeString(root().resolve("sese-ai/.env"), "POSTGRES_PASSWORD=operator-secret\n");
        Files.setLastModifiedTime(root().resolve("ARCHITECTURE.md"), FileTime.fromMillis(1_000_000_000_000L));
    }

    /** Moves like the real writer, but the n-th move fails the way a full disk would. */
    private static WriteJournal.Mover failingOn(int n) {
        int[] count = {0};
        return (source, target) -> {
            if (++count[0] == n) {
                throw new java.nio.file.FileSystemException(source.toString(), target.toString(), "No space left on device");
            }
            WriteJournal.ATOMIC.move(source, target);
        };
    }

    @Test
    void aWriteFailingOnAnyFileLeavesTheTreeAsItWasAndNamesThatFile() throws IOException {
        olderTree();
        Map<String, String> before = snapshot(root());
        // Moves in path order: ARCHITECTURE.md, the two seko-vpn files (after the stale file is set aside), the Caddyfile.
        List<String> moved = List.of("ARCHITECTURE.md", SekoComposeRenderer.PATH, HeadscaleConfigRenderer.PATH,
                CaddyfileRenderer.PATH);
        for (int n = 1; n <= moved.size(); n++) {
            int failing = n;
            assertThatThrownBy(() -> AtomicWriter.write(root(), Rendered.all(), failingOn(failing)))
                    .isInstanceOfSatisfying(WriteFailure.class, e -> assertThat(e.describe(project))
                            .isEqualTo("cannot write compose/" + moved.get(failing - 1) + ": No space left on device"));

            assertThat(snapshot(root())).as("after a failure on move %d", n).isEqualTo(before);
            try (Stream<Path> siblings = Files.list(project)) {
                assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("compose");
            }
        }
        // The same tree then renders fine: the failure left nothing in the way.
        AtomicWriter.write(root(), Rendered.all());
        assertThat(root().resolve(SekoComposeRenderer.PATH)).isRegularFile();
        assertThat(root().resolve("sese-ai/.env")).hasContent("POSTGRES_PASSWORD=operator-secret");
    }

    @Test
    void aFirstRenderThatFailsLeavesNoComposeDirectory() {
        assertThatThrownBy(() -> AtomicWriter.write(root(), Rendered.all(), failingOn(5)))
                .isInstanceOf(WriteFailure.class);

        assertThat(root()).doesNotExist();
        assertThat(project).isEmptyDirectory();
    }

    @Test
    void aDirectoryHoldingAnOperatorsEnvIsNotReplacedByAFile() throws IOException {
        AtomicWriter.write(root(), Rendered.all());
        Files.writeString(root().resolve("ARCHITECTURE.md"), "an older model\n");
        Files.delete(root().resolve(CaddyfileRenderer.PATH));
        Files.createDirectories(root().resolve(CaddyfileRenderer.PATH));
        Files.writeString(root().resolve(CaddyfileRenderer.PATH).resolve(".env"), "SECRET=1\n");
        Map<String, String> before = snapshot(root());

        assertThatThrownBy(() -> AtomicWriter.write(root(), Rendered.all()))
                .isInstanceOfSatisfying(WriteFailure.class, e -> assertThat(e.describe(project)).isEqualTo(
                        "cannot replace directory compose/" + CaddyfileRenderer.PATH
                                + ": it holds an operator's .env (move it, then render again)"));
        assertThat(snapshot(root())).isEqualTo(before);
    }

    /** Every path below dir with its content and modification time: what "untouched" means. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.toList()) {
                String key = dir.relativize(path).toString();
                if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(key, Files.readString(path) + "@" + Files.getLastModifiedTime(path).toMillis()
                            + Files.getPosixFilePermissions(path));
                } else {
                    out.put(key, "<dir>");
                }
            }
        }
        return out;
    }
}
