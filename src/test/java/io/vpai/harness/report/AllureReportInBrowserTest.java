package io.vpai.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Allure report as a person sees it: results of real tests — the gate's model rules as the nightly runs them
 * ({@code ModelAgainstArchitectureSpec}) and a drill-like factory with a stage — generated twice with the project's
 * Allure commandline, the second time with the first report's history and another run's executor, as the nightly
 * workflow does; then opened in headless Chromium from a loopback server and read back from the rendered page.
 * Needs the commandline (unpacked by Maven before the tests) and Debian's chromium (.ci/provision): without them it
 * is skipped with the reason, and under CI=true it fails instead.
 */
@Tag("report")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The generated Allure report, opened in a headless browser, shows epics, features, sentences, steps and the trend")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.REPORTS)
class AllureReportInBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEC = "io.vpai.harness.specs.ModelAgainstArchitectureSpec";
    private static final String SPEC_TEST = "model.valid: the model is consistent (ModelValidator: references, addresses,"
            + " duplicates, cycles)";
    private static final String SAMPLE_TEST = "the sample table holds 3 rows";
    private static final String NO_TREND = "There is nothing to show";

    private Path work;
    private Path firstReport;
    private Path secondReport;
    private HeadlessChromium chromium;

    @BeforeAll
    void generateTwoReportsAsTheNightlyDoes(@TempDir Path work) throws Exception {
        this.work = work;
        Path commandline = Path.of(System.getProperty("vpai.allure.commandline", "target/allure/missing"));
        needs(Files.isRegularFile(commandline), "Allure's commandline is not at " + commandline
                + " (Maven unpacks it before the tests: run through mvn)");
        Optional<HeadlessChromium> browser = HeadlessChromium.find(work);
        needs(browser.isPresent(), HeadlessChromium.BINARY + " is missing: apt-get install chromium (.ci/provision does)");
        chromium = browser.get();

        Path results = work.resolve("allure-results");
        var summary = AllureLaunch.run(results, SPEC, ReportSamples.StageSample.class.getName());
        assertThat(summary.getTestsSucceededCount()).as("tests of %s and the stage sample that passed", SPEC).isGreaterThan(10);
        assertThat(summary.getTotalFailureCount()).isZero();

        writeExecutor(results, "41");
        firstReport = generate(commandline, results, work.resolve("report-41"));
        // What the nightly workflow does between runs: the previous report's history goes into the new results.
        copyTree(firstReport.resolve("history"), results.resolve("history"));
        writeExecutor(results, "42");
        secondReport = generate(commandline, results, work.resolve("report-42"));
    }

    @Test
    @DisplayName("a test of a real spec shows under its epic, feature and story, named by its sentence")
    void aSpecTestShowsUnderItsBehaviors() throws Exception {
        String page = openTest(secondReport, SPEC_TEST);

        assertThat(page).contains(Behaviors.CONFORMANCE, Behaviors.PRE_DEPLOY_GATE, "The gate's model rules in the nightly",
                SPEC_TEST);
        // The twin: the page holds the labels it was given, not every name Behaviors knows.
        assertThat(page).doesNotContain(Behaviors.HARNESS, Behaviors.NETWORK_ISOLATION);
    }

    @Test
    @DisplayName("a factory's test shows the stage as its set-up, with the stage's steps")
    void aFactoryTestShowsItsStage() throws Exception {
        try (LoopbackFileServer server = new LoopbackFileServer(secondReport)) {
            var test = server.uri(route(secondReport, SAMPLE_TEST));

            assertThat(chromium.dumpDom(test)).contains(Behaviors.BACKUP_RESTORE, "Sample stage", SAMPLE_TEST, "Set up",
                    ReportSamples.STAGE, ReportSamples.FIRST_STEP, ReportSamples.SECOND_STEP);
            // For a person to look at: target/allure-report-in-browser.png.
            chromium.screenshot(test, Files.createDirectories(Path.of("target")).resolve("allure-report-in-browser.png"));
        }
    }

    @Test
    @DisplayName("the overview shows the executor of the run and a trend once a previous run's history is carried")
    void theOverviewShowsExecutorAndTrend() throws Exception {
        String second = overview(secondReport);
        String first = overview(firstReport);

        assertThat(second).contains("nightly #42", "The model against the architecture", "A drill-like sample")
                .doesNotContain(NO_TREND);
        assertThat(JSON.readTree(secondReport.resolve("widgets/history-trend.json").toFile()))
                .extracting(n -> n.path("buildOrder").asInt()).containsExactly(42, 41);
        // The twin: without a carried history the same results draw no trend.
        assertThat(first).contains("nightly #41").contains(NO_TREND);
    }

    private String overview(Path report) throws Exception {
        try (LoopbackFileServer server = new LoopbackFileServer(report)) {
            return chromium.dumpDom(server.uri("index.html"));
        }
    }

    private String openTest(Path report, String testName) throws Exception {
        try (LoopbackFileServer server = new LoopbackFileServer(report)) {
            return chromium.dumpDom(server.uri(route(report, testName)));
        }
    }

    /** {@code index.html#behaviors/<story>/<test>}: the page that opens the tree down to the test and shows it. */
    private static String route(Path report, String testName) throws IOException {
        JsonNode tree = JSON.readTree(report.resolve("data/behaviors.json").toFile());
        List<JsonNode> found = new ArrayList<>();
        find(tree, testName, found);
        assertThat(found).as("tests named '%s' in the report's behaviors tree", testName).hasSize(1);
        return "index.html#behaviors/" + found.get(0).path("parentUid").asText() + "/" + found.get(0).path("uid").asText();
    }

    private static void find(JsonNode node, String name, List<JsonNode> found) {
        if (name.equals(node.path("name").asText()) && node.has("parentUid")) {
            found.add(node);
        }
        node.path("children").forEach(child -> find(child, name, found));
    }

    private static void writeExecutor(Path results, String run) throws IOException {
        Files.writeString(results.resolve(AllureExecutor.FILE), AllureExecutor.json(Map.of("VPAI_CI_RUN_NAME",
                "nightly #" + run, "VPAI_CI_RUN_URL", "https://ci.invalid/runs/" + run, "VPAI_CI_RUN_NUMBER", run)).orElseThrow());
    }

    private Path generate(Path commandline, Path results, Path report) throws IOException, InterruptedException {
        Path log = work.resolve(report.getFileName() + ".log");
        Process process = new ProcessBuilder("bash", commandline.toString(), "generate", "--clean", results.toString(),
                "-o", report.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException("allure generate did not finish within 120 s");
        }
        assertThat(process.exitValue()).as("allure generate; its output:%n%s", Files.readString(log, StandardCharsets.UTF_8))
                .isZero();
        return report;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    /** Missing inputs skip with the reason on a developer machine; under CI a report check that could not run fails. */
    private static void needs(boolean present, String reason) {
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(reason);
        }
        Assumptions.assumeTrue(present, reason);
    }
}
