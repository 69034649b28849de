package io.vpai.harness.gate;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.check.Finding;
import io.vpai.harness.check.Status;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.vpai.harness.check.FindingsAssert.assertThatFindings;
import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("Gate rule: no secret in the rendered files")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.GATE_RULES)
class RenderedFilesSecretsRuleTest {
    private static final String COMPOSE = """
            services:
              postgresql:
                environment:
                  POSTGRES_USER: postgres
                  POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}
              n8n:
                environment:
                  - DB_POSTGRESDB_PASSWORD=${POSTGRES_PASSWORD}
            secrets:
            """;
    private static final String HEADSCALE = """
            noise:
              private_key_path: /var/lib/headscale/noise_private.key
            """;
    private static final String SCRIPT = """
            #!/bin/sh
            export RESTIC_PASSWORD="$RESTIC_PASSWORD"
            """;
    private static final String CADDYFILE = """
            tls {
              dns ovh {
                application_key {env.OVH_APPLICATION_KEY}
              }
            }
            """;
    private static final String ENV_EXAMPLE = "POSTGRES_PASSWORD=\nREDIS_PASSWORD=\n";
    private final Stack vpai = VpaiStack.model();

    @Test
    void referencesAndEmptyExamplesPass() {
        RenderedFilesSecretsRule rule = new RenderedFilesSecretsRule(
                Map.of("compose/docker-compose.yml", COMPOSE, "compose/headscale/config.yaml", HEADSCALE,
                        "compose/pre-backup.sh", SCRIPT, "compose/caddy/Caddyfile", CADDYFILE,
                        "compose/.env.example", ENV_EXAMPLE),
                Map.of("POSTGRES_PASSWORD", "generated-pg-5f1e"));
        assertThatFindings(rule.evaluate(vpai)).allPass()
                .hasFinding(Status.PASS, "compose/docker-compose.yml", "no secret value or literal secret");
    }

    @Test
    void aLiteralSecretAssignmentIsNamedByFileAndLine() {
        String leaky = COMPOSE.replace("POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}", "POSTGRES_PASSWORD: \"hunter22\"");
        List<Finding> findings = new RenderedFilesSecretsRule(Map.of("compose/docker-compose.yml", leaky), Map.of())
                .evaluate(vpai);
        assertThatFindings(findings)
                .hasFailure("compose/docker-compose.yml", "compose/docker-compose.yml:5: POSTGRES_PASSWORD is the "
                        + "literal 'h***'; render a reference such as ${POSTGRES_PASSWORD}");
        assertThat(findings).noneMatch(f -> f.message().contains("hunter22"));
    }

    @Test
    void aKnownSecretValueAnywhereIsNamedByItsVariable() {
        String leaky = "services:\n  redis:\n    command: redis-server --requirepass generated-redis-77aa\n";
        List<Finding> findings = new RenderedFilesSecretsRule(Map.of("compose/docker-compose.yml", leaky),
                Map.of("REDIS_PASSWORD", "generated-redis-77aa")).evaluate(vpai);
        assertThatFindings(findings)
                .hasFailure("compose/docker-compose.yml", "compose/docker-compose.yml:3 contains the value of REDIS_PASSWORD");
        assertThat(findings).noneMatch(f -> f.message().contains("generated-redis-77aa"));
    }

    @Test
    void plainTextsCanBeScannedToo() {
        RenderedFilesSecretsRule rule = new RenderedFilesSecretsRule(List.of("ok: 1", "api_key: sk-live-123"), List.of());
        assertThatFindings(rule.evaluate(vpai))
                .hasFailureContaining("text 2", "text 2:1: api_key is the literal 's***'")
                .failsOnlyAbout("text 2");
    }

    @Test
    void nothingToScanIsSkippedNotPassed() {
        assertThatFindings(new RenderedFilesSecretsRule(Map.of(), Map.of()).evaluate(vpai))
                .hasFinding(Status.SKIPPED, "rendered files", "no rendered files");
    }
}
