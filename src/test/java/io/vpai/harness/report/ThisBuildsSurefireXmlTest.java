package io.vpai.harness.report;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Surefire XML this very build wrote, as a CI server reads it. Runs in Surefire's last execution
 * ({@code report-names} in pom.xml), after the others have written their reports, and reads only files written since
 * the build started (Maven's {@code maven.build.timestamp}, UTC), so a stale report from an earlier
 * build can neither hide a regression nor stand in for a missing one. No report from this build is a failure.
 */
@Tag(ThisBuildsSurefireXmlTest.TAG)
@DisplayName("The Surefire XML this build wrote names every suite and test case with a sentence")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.REPORTS)
class ThisBuildsSurefireXmlTest {
    static final String TAG = "report-names";
    static final String BUILD_STARTED = "vpai.build.started";
    private static final DateTimeFormatter MAVEN_TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

    @Test
    @DisplayName("every report written by this build's earlier Surefire executions carries sentences only")
    void everyReportOfThisBuildCarriesSentences() throws IOException {
        Instant started = buildStarted();
        Path target = Path.of("").toAbsolutePath().resolve("target");
        List<Path> written = new ArrayList<>();
        try (Stream<Path> directories = Files.list(target)) {
            for (Path directory : directories.filter(d -> d.getFileName().toString().startsWith("surefire-reports")).toList()) {
                written.addAll(reportsSince(directory, started));
            }
        }
        assertThat(written).as("Surefire XML reports written since %s under %s/surefire-reports*: the default execution "
                + "runs before this one", started, target).anyMatch(p -> p.getParent().getFileName().toString()
                .equals("surefire-reports"));

        List<String> problems = new ArrayList<>();
        for (Path report : written) {
            problems.addAll(SurefireXmlNames.problems(report));
        }
        assertThat(problems).as("names a CI server would show (%d reports of this build read)", written.size()).isEmpty();
    }

    private static Instant buildStarted() {
        String stamp = System.getProperty(BUILD_STARTED);
        if (stamp == null && !"true".equalsIgnoreCase(System.getenv("CI"))) {
            Assumptions.abort(BUILD_STARTED + " is not set: this check runs in Maven's report-names execution, which "
                    + "passes the build's start time");
        }
        assertThat(stamp).as("system property %s (Maven's build timestamp)", BUILD_STARTED).isNotBlank();
        // Maven 3.8 writes ISO 8601 (2026-01-31T12:34:56Z); a pom that sets no format on older Mavens gets yyyyMMdd-HHmm.
        return stamp.contains("T") ? Instant.parse(stamp) : LocalDateTime.parse(stamp, MAVEN_TIMESTAMP).toInstant(ZoneOffset.UTC);
    }

    private static List<Path> reportsSince(Path directory, Instant started) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().matches("TEST-.+\\.xml"))
                    .filter(f -> modified(f).compareTo(started) >= 0).sorted().toList();
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
