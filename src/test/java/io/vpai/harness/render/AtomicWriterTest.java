package io.vpai.harness.render;

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
