package io.vpai.harness.report;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every test class of the project owes the reports its sentence and its place in Allure's Behaviors tree; the samples
 * below (static nested classes, which neither Surefire nor this discovery runs) show each gap is caught.
 */
@Tag("gate")
@DisplayName("Every test class names itself with a sentence and files itself under an Allure epic and feature")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.REPORTS)
class ReportConventionsTest {

    @Test
    @DisplayName("every test class Surefire runs meets the report conventions")
    void everyTestClassMeetsTheConventions() {
        List<Class<?>> classes = ReportConventions.testClasses("io.vpai.harness");

        // Not vacuous: the discovery finds the specs and the unit tests, the class the issue named among them.
        assertThat(classes).extracting(Class::getSimpleName).hasSizeGreaterThan(100)
                .contains("IsolationSpec", "BackupRestoreSpec", "PreprodSmokeSpec", "OfflineImagesTest", "PollTest")
                .noneMatch(n -> n.endsWith("Sample"));
        assertThat(classes.stream().flatMap(c -> ReportConventions.problems(c).stream())).isEmpty();
    }

    @Test
    @DisplayName("a class without a display name, epic or feature is named with each thing it lacks")
    void anUnlabelledClassIsCaught() {
        String name = UnlabelledSample.class.getName();

        assertThat(ReportConventions.problems(UnlabelledSample.class)).containsExactly(
                name + ": no @DisplayName sentence (CI servers would show the class name)",
                name + ": no @Epic of [Conformance, Harness, Pre-deploy gate]",
                name + ": no @Feature (Allure's Behaviors tree would file it nowhere)",
                name + ".indexed: @ParameterizedTest named by its invocation index ('[{index}] {0}'): name it by its arguments",
                name + ".unnamed: @ParameterizedTest named by its invocation index ('{default_display_name}'): name it by"
                        + " its arguments");
    }

    @Test
    @DisplayName("a conformance test without a story, and an epic from outside the tree, are caught")
    void aConformanceTestWithoutAStoryIsCaught() {
        String name = StorylessSpecSample.class.getName();

        assertThat(ReportConventions.problems(StorylessSpecSample.class)).containsExactly(
                name + ".everyPathIsOpen: a conformance test without a @Story (on it or its class)");
        assertThat(ReportConventions.problems(StrayEpicSample.class)).containsExactly(StrayEpicSample.class.getName()
                + ": no @Epic of [Conformance, Harness, Pre-deploy gate] (has 'Misc')");
    }

    @Test
    @DisplayName("the twin: a labelled class, with stories on its methods and named parameters, passes")
    void aLabelledClassPasses() {
        assertThat(ReportConventions.problems(LabelledSpecSample.class)).isEmpty();
    }

    static class UnlabelledSample {
        @Test
        void something() {
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = "a")
        void indexed(String value) {
        }

        @ParameterizedTest
        @ValueSource(strings = "a")
        void unnamed(String value) {
        }
    }

    @DisplayName("Network isolation")
    @Epic(Behaviors.CONFORMANCE)
    @Feature(Behaviors.NETWORK_ISOLATION)
    static class StorylessSpecSample {
        @TestFactory
        @DisplayName("every path is open exactly where the model says so")
        List<DynamicTest> everyPathIsOpen() {
            return List.of();
        }
    }

    @DisplayName("Something else")
    @Epic("Misc")
    @Feature(Behaviors.REPORTS)
    static class StrayEpicSample {
        @Test
        void something() {
        }
    }

    @DisplayName("Backup and restore drill")
    @Epic(Behaviors.CONFORMANCE)
    @Feature(Behaviors.BACKUP_RESTORE)
    static class LabelledSpecSample {
        @TestFactory
        @Story("Restore")
        List<DynamicTest> theLatestSnapshotRestores() {
            return List.of();
        }

        @ParameterizedTest(name = "restic forget {0}")
        @Story("Retention")
        @ValueSource(strings = "--keep-daily 7")
        void retention(String flags) {
        }
    }
}
