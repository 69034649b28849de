package io.vpai.harness.gate;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.ModelException;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("The gate command: its summary and exit codes")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.COMMAND_LINE)
class GateCommandTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void exitsZeroAndPrintsTheSummaryWhenNothingFails() {
        int code = GateCommand.run(out, LocalDate.of(2026, 3, 1));
        assertThat(code).isEqualTo(GateCommand.PASSED).isZero();
        assertThat(output()).startsWith("VPAI pre-deploy gate, 2026-03-01: PASSED").contains("Totals: ");
    }

    @Test
    void exitsOneOnceTheWaiverHasExpired() {
        int code = GateCommand.run(out, LocalDate.of(2027, 7, 1));
        assertThat(code).isEqualTo(GateCommand.FAILED).isEqualTo(1);
        assertThat(output()).contains("waiver expired on 2027-06-30").contains("Gate FAILED.");
    }

    @Test
    void aModelThatCannotBeBuiltIsOneLine() {
        int code = GateCommand.run(out, LocalDate.of(2026, 3, 1), () -> {
            throw new ModelException("port 70000 is not within 1..65535");
        }, Gate.standard());
        assertThat(code).isEqualTo(1);
        assertThat(output()).isEqualTo("VPAI pre-deploy gate, 2026-03-01: FAILED — invalid model: "
                + "port 70000 is not within 1..65535" + System.lineSeparator());
    }

    @Test
    void extraRulesCanBeAddedByTheCaller() {
        Gate gate = Gate.standard().with(new RenderedFilesSecretsRule(java.util.Map.of("x.env", "TOKEN=abc"),
                java.util.Map.of()));
        int code = GateCommand.run(out, LocalDate.of(2026, 3, 1), VpaiStack::model, gate);
        assertThat(code).isEqualTo(1);
        assertThat(output()).contains("FAIL    secrets.rendered-files [x.env]", "x.env:1: TOKEN is the literal 'a***'");
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
