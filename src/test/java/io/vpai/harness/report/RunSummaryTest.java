package io.vpai.harness.report;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.environment.Environments;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** summary.md links the pictures and tables the run drew, by paths that resolve from where the summary is written. */
@Tag("gate")
@DisplayName("The run summary links the pictures it describes")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.REPORTS)
class RunSummaryTest {
    private static final Pattern LINK = Pattern.compile("\\[[^]]+]\\(([^)]+)\\)");
    private static final Stack MODEL = VpaiStack.model();
    private static final List<RunSummary.Result> RESULTS = List.of(
            new RunSummary.Result("IsolationSpec", "n8n → redis:6379 is reachable", RunSummary.Outcome.PASSED, ""));

    @Test
    @DisplayName("every picture and table this run drew is linked, and each link resolves from reports/summary.md")
    void picturesDrawnThisRunAreLinkedAndResolve(@TempDir Path project) throws IOException {
        Path reports = project.resolve("reports");
        Instant runStarted = Instant.now().minusSeconds(1);
        List<String> drawn = List.of("isolation/matrix.svg", "isolation/matrix.md", "startup/timeline.svg",
                "startup/timeline.md", "backup/restore.md");
        for (String file : drawn) {
            write(reports.resolve(file));
        }

        String markdown = summary(reports, runStarted);
        Path summary = Files.writeString(reports.resolve("summary.md"), markdown);

        assertThat(markdown).contains("- [Reachability matrix](isolation/matrix.svg), as a table: "
                        + "[isolation/matrix.md](isolation/matrix.md)")
                .contains("- [Startup timeline](startup/timeline.svg)")
                .contains("- Backup restore, before and after: [backup/restore.md](backup/restore.md)")
                .doesNotContain("retention");
        List<String> links = links(markdown);
        assertThat(links).containsExactlyInAnyOrderElementsOf(drawn);
        assertThat(links).allSatisfy(link -> assertThat(summary.getParent().resolve(link)).isRegularFile());
    }

    @Test
    @DisplayName("the twin: a picture an earlier run left is not linked, and a run that drew nothing has no picture section")
    void leftoversAreNotLinked(@TempDir Path project) throws IOException {
        Path reports = project.resolve("reports");
        Instant runStarted = Instant.now();
        Path old = write(reports.resolve("isolation/matrix.svg"));
        Files.setLastModifiedTime(old, FileTime.from(runStarted.minus(Duration.ofHours(1))));
        // Set, not left to the file system: its clock is coarser than Instant.now(), so a file written right after
        // runStarted can carry an earlier time (one fresh-clone CI run saw exactly that).
        Path fresh = write(reports.resolve("isolation/matrix.md"));
        Files.setLastModifiedTime(fresh, FileTime.from(runStarted.plusSeconds(1)));

        String markdown = summary(reports, runStarted);

        assertThat(links(markdown)).containsExactly("isolation/matrix.md");
        assertThat(markdown).contains("- Reachability matrix: [isolation/matrix.md](isolation/matrix.md)");
        Files.delete(reports.resolve("isolation/matrix.md"));
        assertThat(summary(reports, runStarted)).doesNotContain("Pictures").doesNotContain("](");
    }

    @Test
    @DisplayName("the pictures listed are the files the specs write, under reports/")
    void thePicturesAreWhereTheSpecsWriteThem() {
        assertThat(RunSummary.PICTURES).flatExtracting(RunSummary.Picture::picture, RunSummary.Picture::table)
                .filteredOn(p -> p != null)
                .containsExactly("isolation/matrix.svg", "isolation/matrix.md", "startup/timeline.svg", "startup/timeline.md",
                        "backup/restore.md", "backup/retention.md");
    }

    private static String summary(Path reports, Instant runStarted) {
        return RunSummary.markdown(MODEL, Environments.load(Path.of("").toAbsolutePath(), "offline", MODEL), RESULTS,
                RunSummary.writtenSince(reports, runStarted));
    }

    private static List<String> links(String markdown) {
        Matcher m = LINK.matcher(markdown);
        List<String> links = new ArrayList<>();
        while (m.find()) {
            links.add(m.group(1));
        }
        return links;
    }

    private static Path write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "drawn\n");
    }
}
