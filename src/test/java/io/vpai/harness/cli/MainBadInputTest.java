package io.vpai.harness.cli;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.support.ThisThreadsOutput;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.render.RenderCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, item 7: each bad input is one line on stderr naming what is wrong and where, exit code 2, and
 * nothing written. Runs against a copy of the project in a temp folder (pom.xml, the sources' folder,
 * environments/), so nothing here touches the real compose/ — or Docker: `up` stops before the relaunch.
 */
@Tag("gate")
@DisplayName("Each bad input is one line on stderr, exit code 2, and nothing written")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.COMMAND_LINE)
class MainBadInputTest {
    private static final String NL = System.lineSeparator();

    @TempDir
    Path project;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, String> properties = new HashMap<>();
    private PrintStream savedErr;
    private PrintStream savedOut;

    @BeforeEach
    void copyProjectAndCapture() throws IOException {
        Path real = Path.of("").toAbsolutePath();
        Files.copy(real.resolve("pom.xml"), project.resolve("pom.xml"));
        Files.createDirectories(project.resolve("src/main/java/io/vpai/harness"));
        Files.createDirectories(project.resolve("environments"));
        try (Stream<Path> files = Files.list(real.resolve("environments"))) {
            for (Path file : files.toList()) {
                Files.copy(file, project.resolve("environments").resolve(file.getFileName()));
            }
        }
        savedErr = System.err;
        savedOut = System.out;
        System.setErr(ThisThreadsOutput.into(err, savedErr));
        System.setOut(ThisThreadsOutput.into(out, savedOut));
    }

    @AfterEach
    void restore() {
        System.setErr(savedErr);
        System.setOut(savedOut);
    }

    private int run(Path workingDirectory, String... args) {
        return Main.run(args, workingDirectory, properties::get);
    }

    private int run(String... args) {
        return run(project, args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String firstErrLine() {
        return err().lines().findFirst().orElse("");
    }

    private Path compose() {
        return project.resolve(RenderCommand.OUTPUT_DIRECTORY);
    }

    // --- 7.1 arguments, strictly per command ---------------------------------------------------

    @Test
    void anUnknownRenderOptionRendersNothing() throws IOException {
        assertThat(run("render")).isZero();
        Path architecture = compose().resolve("ARCHITECTURE.md");
        Files.writeString(architecture, "hand edit\n");
        err.reset();

        assertThat(run("render", "--chek")).isEqualTo(2);

        assertThat(firstErrLine()).isEqualTo("error: render: unknown option '--chek' (expected: --check)");
        assertThat(err()).contains("usage: vpai <command>");
        assertThat(architecture).hasContent("hand edit");
    }

    @Test
    void everyCommandRefusesWhatItDoesNotTake() {
        Map<List<String>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(List.of("gate", "extra-arg"), "error: gate: unexpected argument 'extra-arg' (gate takes no arguments)");
        cases.put(List.of("images", "--force"), "error: images: unknown option '--force' (images takes no arguments)");
        cases.put(List.of("render", "--check", "now"), "error: render: unexpected argument 'now' (render takes only --check)");
        cases.put(List.of("render", "--check", "--check"), "error: render: option '--check' given twice");
        cases.put(List.of("up", "ten"), "error: up: 'ten' is not a number of seconds (expected: up [SECONDS], 1..86400)");
        cases.put(List.of("up", "-5"), "error: up: '-5' is not a number of seconds (expected: up [SECONDS], 1..86400)");
        cases.put(List.of("up", "0"), "error: up: hold time must be within 1..86400 seconds, was 0");
        cases.put(List.of("up", "60", "more"), "error: up: unexpected argument 'more' (expected: up [SECONDS])");
        cases.put(List.of("bench", "everything"), "error: bench: unknown benchmark 'everything' (known: gate, matrix, bringup, backup, nightly, ci, images)");
        cases.put(List.of("bench"), "error: bench: which benchmark? (known: gate, matrix, bringup, backup, nightly, ci, images)");
        cases.put(List.of("bench", "gate", "twice"), "error: bench: unexpected argument 'twice' (expected: bench <name>)");
        cases.forEach((args, line) -> {
            err.reset();
            assertThat(run(args.toArray(String[]::new))).as("%s", args).isEqualTo(2);
            assertThat(firstErrLine()).as("%s", args).isEqualTo(line);
        });
        assertThat(compose()).doesNotExist();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    // --- 7.2 -Dvpai.env names a file -----------------------------------------------------------

    @Test
    void anUnknownEnvironmentIsBadInputForEveryCommand() {
        properties.put("vpai.env", "nosuch");
        for (String[] args : List.of(new String[] {"render"}, new String[] {"render", "--check"}, new String[] {"gate"},
                new String[] {"images"}, new String[] {"up", "5"}, new String[] {"bench", "gate"})) {
            err.reset();
            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err()).as(String.join(" ", args)).isEqualTo("error: -Dvpai.env=nosuch: no environment 'nosuch' "
                    + "in environments/ (known: local, offline, preprod, production)" + NL);
        }
        assertThat(compose()).doesNotExist();
    }

    // --- 7.3 the project root -----------------------------------------------------------------

    @Test
    void fromASubfolderRenderWritesUnderTheProjectRoot() {
        assertThat(run(project.resolve("environments"), "render")).isZero();

        assertThat(compose().resolve("sese-ai/docker-compose.yml")).isRegularFile();
        assertThat(project.resolve("environments/compose")).doesNotExist();
    }

    @Test
    void mavensProjectDirectoryIsUsedWhenItIsTheProject(@TempDir Path elsewhere) {
        properties.put("maven.multiModuleProjectDirectory", project.toString());

        assertThat(run(elsewhere, "render")).isZero();

        assertThat(compose().resolve("sese-ai/docker-compose.yml")).isRegularFile();
        assertThat(elsewhere).isEmptyDirectory();
    }

    @Test
    void outsideAnyProjectIsOneLineAndNothingWritten(@TempDir Path elsewhere) {
        assertThat(run(elsewhere, "render")).isEqualTo(2);

        assertThat(err()).isEqualTo("error: no project root: neither " + elsewhere.toAbsolutePath().normalize()
                + " nor a folder above it is the project (a pom.xml with artifactId vpai-conformance beside "
                + "src/main/java/io/vpai/harness); run from the project or pass -Dvpai.root=DIR" + NL);
        assertThat(elsewhere).isEmptyDirectory();
    }

    @Test
    void aVpaiRootThatIsNotTheProjectIsRefused(@TempDir Path elsewhere) {
        properties.put("vpai.root", elsewhere.toString());

        assertThat(run("gate")).isEqualTo(2);

        assertThat(err()).isEqualTo("error: -Dvpai.root=" + elsewhere + ": not the project root (a pom.xml with "
                + "artifactId vpai-conformance beside src/main/java/io/vpai/harness)" + NL);
    }

    @Test
    void aPomOfAnotherProjectIsNotARoot() throws IOException {
        Files.writeString(project.resolve("pom.xml"), "<project><artifactId>something-else</artifactId></project>\n");

        assertThat(run("render")).isEqualTo(2);
        assertThat(firstErrLine()).startsWith("error: no project root: neither " + project);
        assertThat(compose()).doesNotExist();
    }

    // --- 7.7 up validates the environment before anything touches Docker ------------------------

    @Test
    void upWithABrokenEnvironmentFileIsTheLoadersLine() throws IOException {
        Path offline = project.resolve("environments/offline.yaml");
        Files.writeString(offline, Files.readString(offline).replace("tls: internal", "tls: bogus"));
        int line = lineOf(offline, "tls: bogus");

        assertThat(run("up", "5")).isEqualTo(2);

        assertThat(err()).isEqualTo("error: environments/offline.yaml:" + line + ": tls: 'bogus' is not a TLS mode "
                + "(internal; production's DNS-01 is never used in tests)" + NL);
    }

    @Test
    void upWithASelectedEnvironmentFileDuplicatingAKeyIsTheLoadersLine() throws IOException {
        properties.put("vpai.env", "local");
        Path local = project.resolve("environments/local.yaml");
        String text = Files.readString(local);
        Files.writeString(local, text.replaceFirst("(?m)^tls: (.*)$", "tls: $1\ntls: none"));
        int first = lineOf(local, "tls: ");

        assertThat(run("bench", "bringup")).isEqualTo(2);

        assertThat(err()).isEqualTo("error: environments/local.yaml:" + (first + 1) + ": tls: duplicate key (first at line "
                + first + ")" + NL);
    }

    // --- 7.2 the gate loads every environment file --------------------------------------------

    @Test
    void theGateFailsOnABrokenEnvironmentFileItDoesNotSelect() throws IOException {
        Path preprod = project.resolve("environments/preprod.yaml");
        Files.writeString(preprod, Files.readString(preprod) + "surprise: true\n");
        int line = lineOf(preprod, "surprise: true");

        assertThat(run("gate")).isEqualTo(1);

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("FAIL    environment.files-valid [environments/preprod.yaml]")
                .contains("        environments/preprod.yaml:" + line + ": surprise: unknown key (expected: ")
                .contains("Gate FAILED.");
        assertThat(err()).isEmpty();
    }

    private static int lineOf(Path file, String snippet) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(snippet)) {
                return i + 1;
            }
        }
        throw new AssertionError(snippet + " not in " + file);
    }
}
