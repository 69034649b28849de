package io.vpai.harness.backup;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("gate")
@DisplayName("restic and S3 output parsing")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.BACKUP_DRILL)
class ResticOutputTest {

    @Test
    @DisplayName("restic snapshots --json: id, local time in the recorded offset, host, paths")
    void snapshots() {
        String json = "[{\"time\":\"2026-11-27T03:00:00Z\",\"tree\":\"aa\",\"paths\":[\"/opt/vpai/backups\"],"
                + "\"hostname\":\"runner\",\"username\":\"root\",\"id\":\"0123456789abcdef\",\"short_id\":\"01234567\"},"
                + "{\"time\":\"2026-11-28T16:06:43.099724135+02:00\",\"paths\":[\"/x\"],\"hostname\":\"runner\","
                + "\"id\":\"fedcba9876543210\"}]";
        List<ResticSnapshot> snapshots = ResticSnapshot.parse(json);
        assertThat(snapshots).extracting(ResticSnapshot::time).containsExactly(
                LocalDateTime.parse("2026-11-27T03:00:00"), LocalDateTime.parse("2026-11-28T16:06:43.099724135"));
        assertThat(snapshots.get(0).paths()).containsExactly("/opt/vpai/backups");
        assertThat(snapshots.get(0).shortId()).isEqualTo("01234567");
        assertThat(ResticSnapshot.parse("[]")).isEmpty();
        assertThatThrownBy(() -> ResticSnapshot.parse("{\"message\":\"x\"}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("an S3 ListObjectsV2 answer: keys with ETags, directory placeholders left out")
    void s3Listing() {
        String xml = "<?xml version='1.0' encoding='UTF-8'?><ListBucketResult><Name>vpai-shared</Name><KeyCount>2</KeyCount>"
                + "<Contents><Key>seed-data/</Key><LastModified>2026-11-28T16:06:26Z</LastModified><Size>4096</Size></Contents>"
                + "<Contents><Key>seed-data/n8n.sql</Key><ETag>\"B1946AC92492D2347C6235B4D2611184\"</ETag><Size>6</Size></Contents>"
                + "<Contents><Key>seed-data/redis.rdb</Key><ETag>&quot;0123456789abcdef0123456789abcdef&quot;</ETag></Contents>"
                + "</ListBucketResult>";
        assertThat(S3Objects.parse(xml)).containsExactly(
                java.util.Map.entry("seed-data/n8n.sql", "b1946ac92492d2347c6235b4d2611184"),
                java.util.Map.entry("seed-data/redis.rdb", "0123456789abcdef0123456789abcdef"));
        assertThat(S3Objects.listScript("vpai-shared", "seed-data/")).contains("prefix=seed-data%2F")
                .contains("-K -").doesNotContain("--user");
    }

    @Test
    @DisplayName("restic version lines")
    void version() {
        assertThat(ResticVersion.parse("restic 0.14.0 compiled with go1.19.8 on linux/amd64")).isEqualTo(new ResticVersion(0, 14, 0));
        assertThatThrownBy(() -> ResticVersion.parse("rustic 1.0")).isInstanceOf(IllegalArgumentException.class);
    }
}
