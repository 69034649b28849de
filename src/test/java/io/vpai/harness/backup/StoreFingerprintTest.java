package io.vpai.harness.backup;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("Store fingerprints")
class StoreFingerprintTest {
    private static final String PSQL = """
            table\tvpai_drill.audit_log\t500\t0123456789abcdef0123456789abcdef
            table\tvpai_drill.LiteLLM_SpendLogs\t3000\tfedcba9876543210fedcba9876543210
            sequence\tvpai_drill.invoice_number_seq\t1084
            sequence\tvpai_drill.unused_seq\tunused
            """;
    private static final String REDIS = """
            litellm:cache:1\tstring\tpersistent\t356a192b7913b04c54574d18c28d46e6395428ab
            litellm:cache:3\tstring\tttl\t77de68daecd823babbb58edb1c8e14d7106e83bb
            n8n:queue:1\tlist\tpersistent\tda4b9237bacccdf19c0760cab7aec4a8359010b0
            """;

    @Test
    @DisplayName("psql and redis scan output become tables, sequences and keys")
    void parses() {
        StoreFingerprint f = StoreFingerprint.empty().withPostgres("litellm", PSQL).withRedis(REDIS);
        assertThat(f.tablesOf("litellm")).containsEntry("vpai_drill.LiteLLM_SpendLogs",
                new StoreFingerprint.Table(3000, "fedcba9876543210fedcba9876543210"));
        assertThat(f.rows("litellm")).isEqualTo(3500);
        assertThat(f.sequences()).containsEntry("litellm:vpai_drill.invoice_number_seq", "1084");
        assertThat(f.keysOfType("string")).hasSize(2);
        assertThat(f.keys().get("litellm:cache:3").hasTtl()).isTrue();
        assertThat(f.redisTypes()).containsExactly("list", "string");
    }

    @Test
    @DisplayName("identical fingerprints have no difference")
    void identical() {
        StoreFingerprint a = StoreFingerprint.empty().withPostgres("vpai", PSQL).withRedis(REDIS);
        StoreFingerprint b = StoreFingerprint.empty().withPostgres("vpai", PSQL).withRedis(REDIS);
        assertThat(a.differences(b)).isEmpty();
    }

    @Test
    @DisplayName("a changed checksum, a lost TTL, a missing and an extra key are each a difference")
    void differences() {
        StoreFingerprint before = StoreFingerprint.empty().withPostgres("vpai", PSQL).withRedis(REDIS);
        StoreFingerprint after = StoreFingerprint.empty()
                .withPostgres("vpai", PSQL.replace("0123456789abcdef0123456789abcdef", "00000000000000000000000000000000"))
                .withRedis(REDIS.replace("litellm:cache:3\tstring\tttl", "litellm:cache:3\tstring\tpersistent")
                        .replace("n8n:queue:1", "n8n:queue:2"));
        assertThat(before.differences(after)).extracting(StoreFingerprint.Difference::item)
                .containsExactly("vpai:vpai_drill.audit_log", "litellm:cache:3", "n8n:queue:1", "n8n:queue:2");
    }

    @Test
    @DisplayName("the report marks a mismatch and names each difference")
    void reportShowsMismatch() {
        StoreFingerprint before = StoreFingerprint.empty().withPostgres("vpai", PSQL).withRedis(REDIS);
        StoreFingerprint after = StoreFingerprint.empty().withPostgres("vpai", PSQL.replace("\t500\t", "\t499\t")).withRedis(REDIS);
        String md = RestoreReport.restore("offline", "run", before, StoreFingerprint.empty(), after,
                java.util.Map.of("qdrant", "stand-in"), java.util.List.of("p_postgres_data"), null);
        assertThat(md).contains("| postgresql vpai | table vpai_drill.audit_log | 500 rows", "**MISMATCH**",
                "| qdrant | - | - | - | - | SKIPPED: stand-in |", "Restore mismatch, 1 difference");
        String same = RestoreReport.restore("offline", "run", before, StoreFingerprint.empty(), before,
                java.util.Map.of(), java.util.List.of(), null);
        assertThat(same).doesNotContain("MISMATCH").contains("came back unchanged");
    }
}
