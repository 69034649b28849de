package io.vpai.harness.target;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("Secrets are redacted from every message the same way")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.SPEC_SUPPORT)
class StackSecretsTest {
    @Test
    void everyValueOfTheRunIsReplacedWherever() {
        String text = "psql: password s3cr3t-pg refused; redis s3cr3t-pg and sk-master-123 too";
        assertThat(StackSecrets.redact(text, List.of("s3cr3t-pg", "sk-master-123")))
                .isEqualTo("psql: password [secret] refused; redis [secret] and [secret] too");
    }

    @Test
    void shortValuesAndTextWithoutSecretsAreLeftAlone() {
        String text = "admin logged in with token abcdef-not-ours";
        assertThat(StackSecrets.redact(text, Arrays.asList("admin", null, "zzzzzz-elsewhere"))).isEqualTo(text);
    }
}
