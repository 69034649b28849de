package io.vpai.harness.gate;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.check.Finding;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Value;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.vpai.harness.check.FindingsAssert.assertThatFindings;
import static io.vpai.harness.check.Status.PASS;
import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("Gate rule: no literal secret in the model")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.GATE_RULES)
class NoLiteralSecretsRuleTest {
    private final Stack vpai = VpaiStack.model();
    private final NoLiteralSecretsRule rule = new NoLiteralSecretsRule();

    @Test
    void theSeedModelReferencesEverySecret() {
        assertThatFindings(rule.evaluate(vpai)).allPass()
                .hasFinding(PASS, "litellm", "service 'litellm': 5 secret setting(s), all variable references")
                .hasFinding(PASS, "redis", "service 'redis'");
    }

    @Test
    void aLiteralPasswordFailsWithoutPrintingIt() {
        Stack broken = vpai.withService("postgresql", s -> {
            Map<String, Value> env = new LinkedHashMap<>(s.environment());
            env.put("POSTGRES_PASSWORD", Value.literal("hunter22"));
            return s.withEnvironment(env);
        });
        List<Finding> findings = rule.evaluate(broken);
        assertThatFindings(findings)
                .hasFailure("postgresql", "service 'postgresql': POSTGRES_PASSWORD is the literal 'h***'; "
                        + "use a secret variable so the compose file carries only ${...}")
                .failsOnlyAbout("postgresql");
        assertThat(findings).noneMatch(f -> f.message().contains("hunter22"));
    }

    @Test
    void aLiteralDatabaseUrlFails() {
        Stack broken = vpai.withService("litellm", s -> {
            Map<String, Value> env = new LinkedHashMap<>(s.environment());
            env.put("DATABASE_URL", Value.literal("postgresql://postgres:pw@postgresql:5432/litellm"));
            return s.withEnvironment(env);
        });
        assertThatFindings(rule.evaluate(broken)).hasFailureContaining("litellm", "DATABASE_URL is the literal 'p***'");
    }

    @Test
    void aLiteralPasswordOnTheCommandLineFails() {
        Stack broken = vpai.withService("redis", s -> {
            List<String> command = new ArrayList<>(s.command());
            command.set(command.indexOf("${REDIS_PASSWORD}"), "s3cret");
            return new io.vpai.harness.model.Service(s.name(), s.displayName(), s.image(), s.networks(), s.ports(),
                    s.published(), s.healthCheck(), s.dependsOn(), s.volumes(), s.environment(), command, s.data(),
                    s.needsEgress());
        });
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("redis", "service 'redis': command argument --requirepass is the literal 's***'; "
                        + "pass ${VARIABLE} instead");
    }

    @Test
    void namesThatSayWhereASecretLivesAreNotSecrets() {
        assertThat(SecretNames.isSecret("OVH_APPLICATION_KEY")).isTrue();
        assertThat(SecretNames.isSecret("password")).isTrue();
        assertThat(SecretNames.isSecret("LITELLM_DATABASE_URL")).isTrue();
        assertThat(SecretNames.isSecret("private_key_path")).isFalse();
        assertThat(SecretNames.isSecret("POSTGRES_PASSWORD_FILE")).isFalse();
        assertThat(SecretNames.isSecret("POSTGRES_USER")).isFalse();
    }
}
