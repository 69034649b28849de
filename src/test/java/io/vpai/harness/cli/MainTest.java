package io.vpai.harness.cli;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.support.ThisThreadsOutput;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad arguments get one clear line and exit code 2; a good command does its work and exits 0. */
@Tag("gate")
@DisplayName("The command line: one clear line for a bad argument, exit 0 for good work")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.COMMAND_LINE)
class MainTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream savedErr;
    private PrintStream savedOut;

    @BeforeEach
    void capture() {
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

    @Test
    void unknownCommandIsOneLineAndExitTwo() {
        assertThat(Main.run(new String[] {"deploy"})).isEqualTo(2);
        assertThat(err.toString().lines().findFirst()).contains("error: unknown command 'deploy'");
    }

    @Test
    void missingCommandIsNamed() {
        assertThat(Main.run(new String[0])).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: no command given");
    }

    @Test
    void unknownBenchmarkIsNamed() {
        assertThat(Main.run(new String[] {"bench", "everything"})).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: bench: unknown benchmark 'everything'");
    }

    @Test
    void renderCheckPassesOnTheCommittedTree() {
        assertThat(Main.run(new String[] {"render", "--check"})).isZero();
        assertThat(out.toString()).contains("compose/ is up to date with the model");
    }
}
