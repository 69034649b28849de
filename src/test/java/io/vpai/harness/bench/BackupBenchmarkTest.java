package io.vpai.harness.bench;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("Backup benchmark")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.BENCHMARKS)
class BackupBenchmarkTest {
    @Test
    @DisplayName("step durations come from the script's start/ok log lines; an unfinished step has none")
    void stepDurations() {
        String log = """
                2026-11-28T17:20:01Z pre-backup: start: 8 steps, dumps in /opt/vpai/backups
                2026-11-28T17:20:01Z pre-backup: start: pg_dump n8n
                2026-11-28T17:20:03Z pre-backup: wrote /opt/vpai/backups/n8n.sql (123 bytes)
                2026-11-28T17:20:03Z pre-backup: ok: pg_dump n8n
                2026-11-28T17:20:03Z pre-backup: start: n8n export:workflow
                2026-11-28T17:20:12Z pre-backup: ok: n8n export:workflow
                2026-11-28T17:20:12Z pre-backup: start: heartbeat to Uptime Kuma
                2026-11-28T17:20:13Z pre-backup: FAILED: heartbeat to Uptime Kuma (status 22)
                """;
        assertThat(BackupBenchmark.stepSeconds(log)).containsExactly(
                java.util.Map.entry("pg_dump n8n", 2.0), java.util.Map.entry("n8n export:workflow", 9.0));
    }
}
