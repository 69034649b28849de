package io.vpai.harness.cli;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.support.ThisThreadsOutput;
import io.vpai.harness.model.ModelValidator;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.ship.ShipCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ship}'s bad input: one {@code error:} line, exit 2, before any host is contacted. Runs against a copy of the
 * project's environment files in a temp folder; the hosts are {@code .invalid} names, so a ship that went on anyway
 * could not reach anything.
 */
@Tag("gate")
@DisplayName("ship: bad input")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.SHIPPING)
class ShipBadInputTest {
    @TempDir
    Path project;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
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

    private String firstErrLine() {
        return err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
    }

    @Test
    @DisplayName("options it does not take, twice, without a value, and a rollback without confirmation")
    void options() {
        Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(List.of("ship", "--rollback"), "error: ship --rollback writes production: it needs --confirm-production=HOST");
        cases.put(List.of("ship", "--confirm-production"),
                "error: ship: --confirm-production needs the production host typed out (--confirm-production=HOST)");
        cases.put(List.of("ship", "--confirm-production="),
                "error: ship: --confirm-production needs the production host typed out (--confirm-production=HOST)");
        cases.put(List.of("ship", "--confirm-production=a", "--confirm-production=b"),
                "error: ship: option '--confirm-production' given twice");
        cases.put(List.of("ship", "--rollback", "--rollback"), "error: ship: option '--rollback' given twice");
        cases.put(List.of("ship", "--yes"), "error: ship: unknown option '--yes' (expected: --rollback, --confirm-production=HOST)");
        cases.put(List.of("ship", "production"),
                "error: ship: unexpected argument 'production' (expected: ship [--rollback] [--confirm-production=HOST])");
        cases.forEach((args, line) -> {
            err.reset();
            assertThat(Main.run(args.toArray(String[]::new), project, name -> null)).as("%s", args).isEqualTo(2);
            assertThat(firstErrLine()).as("%s", args).isEqualTo(line);
        });
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    @DisplayName("the twins: the forms it takes")
    void accepted() {
        assertThat(Arguments.parse(List.of("ship")).ship()).isEqualTo(new ShipCommand.Options(false, Optional.empty()));
        assertThat(Arguments.parse(List.of("ship", "--confirm-production=h.example")).ship())
                .isEqualTo(new ShipCommand.Options(false, Optional.of("h.example")));
        assertThat(Arguments.parse(List.of("ship", "--rollback", "--confirm-production", "h.example")).ship())
                .isEqualTo(new ShipCommand.Options(true, Optional.of("h.example")));
    }

    @Test
    @DisplayName("the preprod host's variable unset: the environment file's line, exit 2")
    void unsetVariable() {
        Assumptions.assumeTrue(System.getenv("VPAI_PREPROD_HOST") == null, "VPAI_PREPROD_HOST is set in this process");
        assertThat(Main.run(new String[]{"ship"}, project, name -> null)).isEqualTo(2);
        assertThat(firstErrLine()).startsWith("error: environments/preprod.yaml:")
                .endsWith("ssh.host: ${VPAI_PREPROD_HOST} is not set in the process environment");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    @DisplayName("a confirmation naming another host than production: exit 2, and the production host is not echoed")
    void confirmationOfAnotherHost() throws IOException {
        Files.writeString(project.resolve("environments/known_hosts.preprod"), "# pinned key goes here\n");
        Files.writeString(project.resolve("environments/known_hosts.production"), "# pinned key goes here\n");
        Path key = Files.createDirectories(project.resolve("home/.ssh")).resolve("seko-vpn-deploy");
        Files.writeString(key, "not a key: never read, nothing connects\n");
        Map<String, String> env = Map.of("VPAI_PREPROD_HOST", "preprod.example.invalid",
                "VPAI_PRODUCTION_HOST", "production.example.invalid", "VPAI_SSH_KEY", key.toString(),
                "HOME", project.resolve("home").toString());
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = ShipCommand.run(project, ModelValidator.validate(VpaiStack.model()),
                new ShipCommand.Options(false, Optional.of("preprod.example.invalid")), env, outStream, errStream);
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: --confirm-production=preprod.example.invalid "
                + "does not name the production host (the ssh.host environments/production.yaml resolves to); nothing was done"
                + System.lineSeparator());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
