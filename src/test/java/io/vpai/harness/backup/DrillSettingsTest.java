package io.vpai.harness.backup;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.environment.FixtureNetwork;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.ModelValidator;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.render.BackupScriptRenderer;
import io.vpai.harness.environment.Fixture;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("gate")
@DisplayName("Backup drill settings")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.BACKUP_DRILL)
class DrillSettingsTest {
    private static final Stack MODEL = ModelValidator.validate(VpaiStack.model());
    private static final Fixtures OFFLINE = Fixtures.of(MODEL,
            new FixtureNetwork(Cidr.parse("198.51.100.0/24"), "198.51.100.1", "198.51.100.10", "198.51.100.20", "198.51.100.53"));

    private static DrillSettings settings(List<String> skipped) {
        return DrillSettings.of(MODEL, "offline", "vpaih1128000000", Fixture.BackupPlacement.of(OFFLINE), Map.of(
                "POSTGRES_PASSWORD", "tpg0000000000", "REDIS_PASSWORD", "tredis000000000",
                Fixture.BackupPlacement.S3_ACCESS_KEY_VARIABLE, "tak000000000",
                Fixture.BackupPlacement.S3_SECRET_KEY_VARIABLE, "tsk000000000", "QDRANT_API_KEY", "tqd000000000",
                "GRAFANA_ADMIN_PASSWORD", "tgr000000000"), skipped);
    }

    @Test
    @DisplayName("the backup fixtures sit at .30 to .32 of the internet fixture")
    void placement() {
        Fixture.BackupPlacement p = Fixture.BackupPlacement.of(OFFLINE);
        assertThat(p.s3Endpoint()).isEqualTo("http://198.51.100.30:8080");
        assertThat(p.uptimeKumaBase()).isEqualTo("http://198.51.100.32:3001");
        assertThat(p.runnerInternet()).isEqualTo("198.51.100.31");
        Fixtures small = new Fixtures(OFFLINE.tailnet(),
                new FixtureNetwork(Cidr.parse("198.51.100.0/28"), "198.51.100.1", "198.51.100.10", "198.51.100.11", "198.51.100.12"));
        assertThatThrownBy(() -> Fixture.BackupPlacement.of(small)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("198.51.100.0/28");
    }

    @Test
    @DisplayName("skipped steps' dumps are neither expected nor allowed; the rest follow the model's steps")
    void dumps() {
        DrillSettings s = settings(List.of("qdrant", "n8n"));
        assertThat(s.expectedDumps()).containsExactly("n8n.sql", "litellm.sql", "vpai.sql", "redis.rdb");
        assertThat(s.skippedDumps()).containsExactly("qdrant.snapshot", "n8n-workflows.json");
        assertThat(settings(List.of()).skippedDumps()).isEmpty();
    }

    @Test
    @DisplayName("every required variable is supplied; store addresses are left to the script's production defaults")
    void environment() {
        DrillSettings s = settings(List.of("qdrant", "n8n"));
        assertThat(s.missingPreBackupVariables()).isEmpty();
        Map<String, String> env = s.preBackupEnvironment();
        assertThat(env).containsEntry("SKIP_STEPS", "qdrant n8n").containsEntry("BACKUP_DIR", "/opt/vpai/backups")
                .containsEntry("S3_ENDPOINT", "http://198.51.100.30:8080").containsEntry("COMPOSE_PROJECT", "vpaih1128000000").doesNotContainKeys("PGHOST", "REDIS_HOST");
        assertThat(env.get("UPTIME_KUMA_PUSH_URL")).startsWith("http://198.51.100.32:3001/api/push/d");
        assertThat(s.scriptDefault("PGHOST")).isEqualTo("172.20.2.20");
        assertThat(s.resticScript()).isEqualTo("/opt/vpai/scripts/restic-backup.sh");
        assertThat(s.repository(s.backupsBucket())).isEqualTo("s3:http://198.51.100.30:8080/vpai-backups");
        // The stack's .env values the script reads come along (QDRANT_API_KEY); others stay out.
        assertThat(env).containsEntry("QDRANT_API_KEY", "tqd000000000").doesNotContainKey("GRAFANA_ADMIN_PASSWORD");
        assertThat(s.secrets()).contains("tpg0000000000", "tsk000000000", "tqd000000000").hasSize(7);
    }

    @Test
    @DisplayName("the drill bounds store connections at 3 s, through the script's own variable, not production's 10 s")
    void connectTimeout() {
        Map<String, String> env = settings(List.of()).preBackupEnvironment();
        // A variable the script does not read would leave the failure cases at production's bound, silently.
        assertThat(BackupScriptRenderer.preBackupEnvironment(MODEL))
                .anySatisfy(v -> {
                    assertThat(v.name()).isEqualTo("CONNECT_TIMEOUT");
                    assertThat(v.defaultValue()).contains("10");
                });
        assertThat(env).containsEntry("CONNECT_TIMEOUT", "3");
    }

    @Test
    @DisplayName("the seed SQL is scaled and refuses a scale below one")
    void seedSql() {
        assertThat(SeedData.sql("n8n", 3)).contains("generate_series(1, 2000 * 3)").contains("CREATE SCHEMA vpai_drill")
                .doesNotContain("@");
        assertThat(SeedData.tables("litellm")).contains("vpai_drill.LiteLLM_SpendLogs");
        assertThatThrownBy(() -> SeedData.sql("vpai", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("printing the settings shows no secret (a record would print them all)")
    void toStringHidesSecrets() {
        DrillSettings s = settings(List.of());
        assertThat(s.toString() + s.credentials()).doesNotContain(s.secrets().toArray(String[]::new));
    }
}
