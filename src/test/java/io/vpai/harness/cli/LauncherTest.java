package io.vpai.harness.cli;

import io.vpai.harness.report.Behaviors;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.render.ExternalTool;
import io.vpai.harness.support.BesideTheStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./vpai}, the shell launcher, run as a user runs it. Against this project: the CLI's exit codes and lines come
 * through, options before the command reach it, bad launcher usage is one line. Whether it rebuilds: against a copy
 * of the project whose {@code mvn} is a stub that records each build and hands over this project's jar — a real
 * Maven build per case would take minutes; the real one runs once, here, for this project.
 */
@Tag("gate")
@DisplayName("The launcher ./vpai runs the CLI from the project's own build and rebuilds only when its sources changed")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature("Command line")
@BesideTheStack
class LauncherTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path BUILD = ROOT.resolve("target/vpai-launcher");
    private static final String BUILDING = "vpai: building with Maven";

    /** Stands for Maven: logs each build, fails on demand, puts the real build's jar and classpath where Maven would. */
    private static final String STUB_MVN = """
            #!/usr/bin/env bash
            echo "$*" >>"$STUB_LOG"
            if [ -e "$STUB_FAIL" ]; then echo "[ERROR] COMPILATION ERROR : stub: Main.java: ';' expected"; exit 1; fi
            mkdir -p target
            cp "$REAL_JAR" target/vpai-conformance-stub.jar
            for arg in "$@"; do case $arg in -Dmdep.outputFile=*) cp "$REAL_CLASSPATH" "${arg#*=}" ;; esac; done
            """;

    /** This project's own build, made (with the real Maven) or found fresh by the launcher itself. */
    @BeforeAll
    static void launcherBuildsThisProject() throws IOException, InterruptedException {
        ExternalTool.Result result = launch(ROOT, Map.of(), "nosuch");
        assertThat(result.stderr()).as("the launcher's build of this project").doesNotContain("vpai: the build failed");
        assertThat(BUILD.resolve("vpai.jar")).isRegularFile();
        assertThat(BUILD.resolve("classpath")).isRegularFile();
    }

    @Test
    void theGateRunsFromTheProjectsOwnBuildAndExitsWithTheClisCode() throws IOException, InterruptedException {
        ExternalTool.Result result = launch(ROOT, Map.of(), "gate");

        assertThat(result.exitCode()).as(result.both()).isZero();
        assertThat(result.stdout()).contains("Gate PASSED");
        assertThat(result.stderr()).doesNotContain(BUILDING);
    }

    @Test
    void theFirstGateThatReachesAVerdictWritesTheClassDataArchiveAndBadInputDoesNot() throws IOException, InterruptedException {
        Path archive = BUILD.resolve("vpai.jsa");
        Files.deleteIfExists(archive);

        assertThat(launch(ROOT, Map.of(), "gate", "extra-arg").exitCode()).isEqualTo(2);
        assertThat(archive).doesNotExist();

        assertThat(launch(ROOT, Map.of(), "gate").exitCode()).isZero();
        assertThat(archive).isNotEmptyFile();
        try (Stream<Path> files = Files.list(BUILD)) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.startsWith("vpai.jsa."));
        }
    }

    @Test
    void aFailedCheckExitsOneAndADashDOptionReachesTheCli(@TempDir Path other) throws IOException, InterruptedException {
        Files.copy(ROOT.resolve("pom.xml"), other.resolve("pom.xml"));
        Files.createDirectories(other.resolve("src/main/java/io/vpai/harness"));

        ExternalTool.Result result = launch(ROOT, Map.of(), "-Dvpai.root=" + other, "render", "--check");

        assertThat(result.exitCode()).as(result.both()).isEqualTo(1);
        assertThat(result.stderr()).contains("drift: compose/");
    }

    @Test
    void anUnknownCommandIsTheClisOneErrorLineAndExitTwo() throws IOException, InterruptedException {
        ExternalTool.Result result = launch(ROOT, Map.of(), "nosuch");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr().lines().findFirst()).contains("error: unknown command 'nosuch'");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void badLauncherUsageIsOneLineAndExitTwo() throws IOException, InterruptedException {
        Map<List<String>, String> cases = Map.of(
                List.of("--fast", "gate"), "vpai: unknown launcher option '--fast' (only -Dname=value goes before the command); ",
                List.of("-Xmx1g", "gate"), "vpai: unknown launcher option '-Xmx1g' (only -Dname=value goes before the command); ",
                List.of("-Dvpai.env", "gate"), "vpai: launcher option '-Dvpai.env' has no value (expected -Dname=value); ");
        for (var entry : cases.entrySet()) {
            ExternalTool.Result result = launch(ROOT, Map.of(), entry.getKey().toArray(String[]::new));

            assertThat(result.exitCode()).as(entry.getKey().toString()).isEqualTo(2);
            assertThat(result.stderr().lines().toList()).as(entry.getKey().toString()).hasSize(1)
                    .first().asString().startsWith(entry.getValue()).contains("usage: ./vpai [-Dname=value]... COMMAND [ARGS]...");
            assertThat(result.stdout()).isEmpty();
        }
    }

    @Test
    void vpaiEnvSelectsTheEnvironmentUnlessADashDOptionDoes() throws IOException, InterruptedException {
        ExternalTool.Result fromVariable = launch(ROOT, Map.of("VPAI_ENV", "nosuch"), "gate");
        assertThat(fromVariable.exitCode()).isEqualTo(2);
        assertThat(fromVariable.stderr().lines().findFirst().orElse(""))
                .startsWith("error: -Dvpai.env=nosuch: no environment 'nosuch' in environments/ (known: ");

        ExternalTool.Result overridden = launch(ROOT, Map.of("VPAI_ENV", "nosuch"), "-Dvpai.env=offline", "render", "--check");
        assertThat(overridden.exitCode()).as(overridden.both()).isZero();
        assertThat(overridden.stdout()).contains("compose/ is up to date with the model");
    }

    // --- when it builds: a copy of the project, Maven stubbed ------------------------------------------------------

    @Test
    void aFirstRunBuildsAndTheNextOneDoesNot(@TempDir Path temp) throws IOException, InterruptedException {
        Copy copy = new Copy(temp);

        ExternalTool.Result first = copy.launch("nosuch");
        assertThat(first.stderr()).startsWith(BUILDING);
        assertThat(first.stderr()).contains("error: unknown command 'nosuch'");
        assertThat(copy.builds()).hasSize(1).first().asString()
                .contains("package", "dependency:build-classpath", "-DincludeScope=runtime", "-Dmaven.test.skip=true");

        ExternalTool.Result second = copy.launch("nosuch");
        assertThat(second.stderr()).doesNotContain(BUILDING).startsWith("error: unknown command 'nosuch'");
        assertThat(copy.builds()).hasSize(1);
    }

    @Test
    void aTouchedSourcePomOrLauncherRebuildsAndATouchedFileOutsideTheBuildDoesNot(@TempDir Path temp) throws IOException, InterruptedException {
        Copy copy = new Copy(temp);
        copy.launch("nosuch");

        copy.touch("README.md");
        copy.touch("compose/sese-ai/docker-compose.yml");
        copy.touch("src/main/docker/README.md");
        assertThat(copy.launch("nosuch").stderr()).doesNotContain(BUILDING);
        assertThat(copy.builds()).hasSize(1);

        copy.touch("src/main/java/io/vpai/harness/cli/Main.java");
        assertThat(copy.launch("nosuch").stderr()).startsWith(BUILDING);
        assertThat(copy.builds()).hasSize(2);

        copy.touch("pom.xml");
        copy.launch("nosuch");
        assertThat(copy.builds()).hasSize(3);

        copy.touch("vpai");
        copy.launch("nosuch");
        assertThat(copy.builds()).hasSize(4);
    }

    @Test
    void aRenamedOrDeletedSourceRebuildsThoughNoFileIsNewer(@TempDir Path temp) throws IOException, InterruptedException {
        Copy copy = new Copy(temp);
        copy.launch("nosuch");
        Path sources = copy.root.resolve("src/main/java/io/vpai/harness/cli");

        Files.move(sources.resolve("HoldStack.java"), sources.resolve("HoldStack.java.orig"));
        copy.launch("nosuch");
        assertThat(copy.builds()).hasSize(2);

        Files.delete(sources.resolve("HoldStack.java.orig"));
        copy.launch("nosuch");
        assertThat(copy.builds()).hasSize(3);
    }

    @Test
    void aFailedBuildIsOneVerdictLineAfterMavensErrorsAndIsTriedAgainNextTime(@TempDir Path temp) throws IOException, InterruptedException {
        Copy copy = new Copy(temp);
        Files.createFile(copy.failMarker);

        ExternalTool.Result failed = copy.launch("gate");

        assertThat(failed.exitCode()).isEqualTo(2);
        assertThat(failed.stdout()).isEmpty();
        assertThat(failed.stderr().lines().toList()).containsExactly(
                "vpai: building with Maven (no build yet, or its sources changed; log: target/vpai-launcher/build.log)",
                "[ERROR] COMPILATION ERROR : stub: Main.java: ';' expected",
                "vpai: the build failed (mvn package; whole log: target/vpai-launcher/build.log)");
        assertThat(copy.root.resolve("target/vpai-launcher/stamp")).doesNotExist();

        Files.delete(copy.failMarker);
        ExternalTool.Result fixed = copy.launch("nosuch");
        assertThat(fixed.stderr()).startsWith(BUILDING).contains("error: unknown command 'nosuch'");
        assertThat(copy.builds()).hasSize(2);
    }

    private static ExternalTool.Result launch(Path project, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(project.resolve("vpai").toString());
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("VPAI_ENV", null);
        return ExternalTool.run(command, project, env);
    }

    /** The launcher, the POM and the sources in a temp folder, with the stub first on PATH. */
    private static final class Copy {
        final Path root;
        final Path failMarker;
        private final Path log;
        private final Map<String, String> environment = new HashMap<>();

        Copy(Path temp) throws IOException {
            root = temp.resolve("project");
            Path stubs = Files.createDirectories(temp.resolve("stubs"));
            log = temp.resolve("builds.log");
            failMarker = temp.resolve("fail");
            Files.createDirectories(root);
            Files.copy(ROOT.resolve("vpai"), root.resolve("vpai"));
            Files.setPosixFilePermissions(root.resolve("vpai"), PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String file : List.of("pom.xml", "README.md", "compose/sese-ai/docker-compose.yml", "src/main/docker/README.md")) {
                Files.createDirectories(root.resolve(file).getParent());
                Files.copy(ROOT.resolve(file), root.resolve(file));
            }
            copyTree(ROOT.resolve("src/main/java"), root.resolve("src/main/java"));
            copyTree(ROOT.resolve("src/main/resources"), root.resolve("src/main/resources"));
            Path mvn = stubs.resolve("mvn");
            Files.writeString(mvn, STUB_MVN);
            Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
            environment.put("PATH", stubs + ":" + System.getenv("PATH"));
            environment.put("STUB_LOG", log.toString());
            environment.put("STUB_FAIL", failMarker.toString());
            environment.put("REAL_JAR", BUILD.resolve("vpai.jar").toString());
            environment.put("REAL_CLASSPATH", BUILD.resolve("classpath").toString());
        }

        ExternalTool.Result launch(String... args) throws IOException, InterruptedException {
            return LauncherTest.launch(root, environment, args);
        }

        List<String> builds() throws IOException {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        }

        /** A minute later than now: no clock granularity can hide it. */
        void touch(String file) throws IOException {
            Files.setLastModifiedTime(root.resolve(file), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        }

        private static void copyTree(Path from, Path to) throws IOException {
            try (Stream<Path> paths = Files.walk(from)) {
                for (Path path : paths.toList()) {
                    Path target = to.resolve(from.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(path, target);
                    }
                }
            }
        }
    }
}
