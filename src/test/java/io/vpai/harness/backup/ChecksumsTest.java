package io.vpai.harness.backup;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("Previous dumps before and after a failed run")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.BACKUP_DRILL)
class ChecksumsTest {
    private static final String BUCKET = "s3://vpai-shared";
    private static final Checksums BEFORE = new Checksums(BUCKET, Map.of(
            "seed-data/vpai.sql", "0123456789abcdef0123456789abcdef",
            "seed-data/redis.rdb", "fedcba9876543210fedcba9876543210"));

    @Test
    @DisplayName("the same objects with the same ETags are untouched")
    void untouched() {
        assertThat(BEFORE.changesIn(new Checksums(BUCKET, Map.copyOf(BEFORE.sums())))).isEmpty();
    }

    @Test
    @DisplayName("a changed, a missing and a new object are each named, with their checksums")
    void changedMissingOrNew() {
        Checksums after = new Checksums(BUCKET, Map.of(
                "seed-data/vpai.sql", "00000000000000000000000000000000",
                "seed-data/n8n.sql", "11111111111111111111111111111111"));
        assertThat(BEFORE.changesIn(after)).containsExactly(
                "s3://vpai-shared/seed-data/n8n.sql: new (11111111111111111111111111111111)",
                "s3://vpai-shared/seed-data/redis.rdb: missing (was fedcba9876543210fedcba9876543210)",
                "s3://vpai-shared/seed-data/vpai.sql: changed, before 0123456789abcdef0123456789abcdef,"
                        + " after 00000000000000000000000000000000");
    }

    @Test
    @DisplayName("only and without narrow both sides, so a listed file that went missing is still reported")
    void narrowing() {
        Checksums after = new Checksums(BUCKET, Map.of("seed-data/vpai.sql", "00000000000000000000000000000000"));
        assertThat(BEFORE.only(List.of("seed-data/redis.rdb")).changesIn(after.only(List.of("seed-data/redis.rdb"))))
                .containsExactly("s3://vpai-shared/seed-data/redis.rdb: missing (was fedcba9876543210fedcba9876543210)");
        assertThat(BEFORE.without(List.of("seed-data/vpai.sql", "seed-data/redis.rdb"))
                .changesIn(after.without(List.of("seed-data/vpai.sql", "seed-data/redis.rdb")))).isEmpty();
    }

    @Test
    @DisplayName("the dumps a run replaced are read from pre-backup.sh's own log")
    void writtenByTheLog() {
        String log = """
                2026-11-30T02:55:01Z pre-backup: start: pg_dump n8n
                2026-11-30T02:55:02Z pre-backup: wrote /opt/vpai/backups/n8n.sql (48211 bytes)
                2026-11-30T02:55:02Z pre-backup: ok: pg_dump n8n
                2026-11-30T02:55:03Z pre-backup: wrote /opt/vpai/backups/redis.rdb (9120 bytes)
                2026-11-30T02:55:04Z pre-backup: FAILED: copy latest seed-data to vpai-shared (status 22)
                """;
        assertThat(Checksums.writtenBy(log)).containsExactly("n8n.sql", "redis.rdb");
        assertThat(Checksums.writtenBy("pre-backup: FAILED: pg_dump n8n (status 1)")).isEmpty();
    }
}
