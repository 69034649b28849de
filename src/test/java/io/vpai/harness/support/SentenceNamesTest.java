package io.vpai.harness.support;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("A test method's name is read as a sentence")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.SPEC_SUPPORT)
class SentenceNamesTest {
    @ParameterizedTest(name = "{0} reads \"{1}\"")
    @DisplayName("a method name")
    @CsvSource({
            "everyPathIsOpenExactlyWhereTheModelSaysSo, every path is open exactly where the model says so",
            "aForbiddenRouteAnswered403Passes, a forbidden route answered 403 passes",
            "inTheSeedModelN8nReachesOut, in the seed model n8n reaches out",
            "keysWithTTLSurviveTheRestore, keys with TTL survive the restore",
            "theDNSTableIsTheArchitectures, the DNS table is the architectures",
            "aRunKilledWithSigkillIsReaped, a run killed with sigkill is reaped",
            "snake_case_reads_too, snake case reads too",
            "exitsWith2, exits with 2"})
    void readsAsASentence(String method, String sentence) {
        assertThat(SentenceNames.sentence(method)).isEqualTo(sentence);
    }
}
