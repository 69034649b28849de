package io.vpai.harness.report;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Small test classes that the report tests run in a launcher of their own ({@link AllureLaunch}), so what Allure
 * records of them is known. Surefire's patterns do not pick them (their names end in neither Test nor Spec), and
 * should a {@code -Dtest} pattern select them anyway, they are disabled outside that launcher: one of them fails on
 * purpose.
 */
final class ReportSamples {
    /** The configuration parameter {@link AllureLaunch} sets: the only launch the samples run in. */
    static final String LAUNCH = "vpai.report.samples";
    static final String STAGE = "the sample stage";
    static final String FIRST_STEP = "count the rows";
    static final String SECOND_STEP = "checksum the dump";
    static final String BROKEN_STEP = "run a script that is not there";

    private ReportSamples() {
    }

    static final class OnlyInAllureLaunch implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(LAUNCH).isPresent()
                    ? ConditionEvaluationResult.enabled("run by the report tests' own launcher")
                    : ConditionEvaluationResult.disabled("a sample for the report tests, run only by their own launcher");
        }
    }

    /** A factory whose stage does its work in two steps, then hands the results to two dynamic tests. */
    @ExtendWith(OnlyInAllureLaunch.class)
    @DisplayName("A drill-like sample")
    @Epic(Behaviors.CONFORMANCE)
    @Feature(Behaviors.BACKUP_RESTORE)
    static class StageSample {
        @TestFactory
        @Story("Sample stage")
        Stream<DynamicTest> aStageThenItsTests(TestReporter reporter) {
            int rows;
            String checksum;
            try (FactoryStage stage = FactoryStage.start(reporter, STAGE)) {
                rows = stage.step(FIRST_STEP, () -> 3);
                checksum = stage.step(SECOND_STEP, () -> "9f86d081");
            }
            return Stream.of(
                    dynamicTest("the sample table holds " + rows + " rows", () -> assertThat(rows).isEqualTo(3)),
                    dynamicTest("the sample dump has checksum " + checksum, () -> assertThat(checksum).hasSize(8)));
        }
    }

    /** A stage run once for the class, before its tests: the set-up of every test of the class. */
    @ExtendWith(OnlyInAllureLaunch.class)
    @DisplayName("A sample with a class-wide stage")
    @Epic(Behaviors.CONFORMANCE)
    @Feature(Behaviors.PREPROD_SMOKE)
    @Story("Sample stage")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class BeforeAllStageSample {
        private int rows;

        @BeforeAll
        void deploy(TestReporter reporter) {
            try (FactoryStage stage = FactoryStage.start(reporter, STAGE)) {
                rows = stage.step(FIRST_STEP, () -> 3);
            }
        }

        @Test
        void theDeployedTableHoldsItsRows() {
            assertThat(rows).isEqualTo(3);
        }
    }

    /** The twin: a step throws, so the stage is broken and the factory fails with the step's exception. */
    @ExtendWith(OnlyInAllureLaunch.class)
    @DisplayName("A drill-like sample whose stage breaks")
    @Epic(Behaviors.CONFORMANCE)
    @Feature(Behaviors.BACKUP_RESTORE)
    static class BrokenStageSample {
        @TestFactory
        @Story("Sample stage")
        Stream<DynamicTest> aStageThatBreaks(TestReporter reporter) {
            try (FactoryStage stage = FactoryStage.start(reporter, STAGE)) {
                stage.step(FIRST_STEP, () -> 3);
                stage.run(BROKEN_STEP, () -> {
                    throw new IllegalStateException("sample-script.sh: not found");
                });
            }
            return Stream.of(dynamicTest("never made", () -> { }));
        }
    }
}
