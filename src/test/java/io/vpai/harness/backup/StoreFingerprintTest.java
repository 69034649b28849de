package io.vpai.harness.backup;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("Store fingerprints")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.BACKUP_DRILL)
class StoreFingerprintTest {
    private static final String PSQL = """
            table\tvpai_drill.audit_log\t500\t0123456789abcdef0123456789abcdef
            table\tvpai_drill.LiteLLM_SpendLogs\t3000\tfedcba9876543210fedcba9876543210
            sequence\tvpai_drill.invoice_number_seq\t1084
            sequence\tvpai_drill.unused_seq\tunused
            """;
    private static final long T0 = 1_760_000_000_000L;
    private static final String REDIS = """
            litellm:cache:1\tstring\t-1\t356a192b7913b04c54574d18c28d46e6395428ab\t1760000000000
            litellm:cache:3\tstring\t3600000\t77de68daecd823babbb58edb1c8e14d7106e83bb\t1760000000000
            n8n:queue:1\tlist\t-1\tda4b9237bacccdf19c0760cab7aec4a8359010b0\t1760000000000
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
        assertThat(f.keys().get("litellm:cache:3")).isEqualTo(
                new StoreFingerprint.Key("string", 3_600_000, T0, "77de68daecd823babbb58edb1c8e14d7106e83bb"));
        assertThat(f.keys().get("litellm:cache:1").hasTtl()).isFalse();
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
                .withRedis(REDIS.replace("litellm:cache:3\tstring\t3600000", "litellm:cache:3\tstring\t-1")
                        .replace("n8n:queue:1", "n8n:queue:2"));
        assertThat(before.differences(after)).extracting(StoreFingerprint.Difference::item)
                .containsExactly("vpai:vpai_drill.audit_log", "litellm:cache:3", "n8n:queue:1", "n8n:queue:2");
    }

    /** One string key with a TTL (or none: -1), read at {@code at} ms. */
    private static StoreFingerprint ttlKey(long pttl, long at) {
        return StoreFingerprint.empty().withRedis("k\tstring\t" + pttl + "\t77de68daecd823babbb58edb1c8e14d7106e83bb\t" + at + "\n");
    }

    @Test
    @DisplayName("a TTL that ran down by the elapsed time (within the tolerance) is no difference")
    void ttlWithinTolerance() {
        long elapsed = 300_000;
        long slack = StoreFingerprint.TTL_TOLERANCE.toMillis();
        assertThat(ttlKey(3_600_000, T0).differences(ttlKey(3_600_000 - elapsed, T0 + elapsed))).isEmpty();
        assertThat(ttlKey(3_600_000, T0).differences(ttlKey(3_600_000 - elapsed + slack, T0 + elapsed))).isEmpty();
        assertThat(ttlKey(3_600_000, T0).differences(ttlKey(3_600_000 - elapsed - slack, T0 + elapsed))).isEmpty();
    }

    @Test
    @DisplayName("a wrong TTL, or one that did not run down with the clock, fails naming the key, both values and the tolerance")
    void ttlBeyondTolerance() {
        long elapsed = 300_000;
        // Restored with 10 s instead of what remained of 1 h.
        assertThat(ttlKey(3_600_000, T0).differences(ttlKey(10_000, T0 + elapsed))).singleElement().satisfies(d -> {
            assertThat(d.item()).isEqualTo("k");
            assertThat(d.toString()).contains("PTTL 3600000 ms", "PTTL 10000 ms", "expected 3600000 ms - 300000 ms elapsed = 3300000 ms",
                    "tolerance " + StoreFingerprint.TTL_TOLERANCE.toMillis() + " ms");
        });
        // Re-armed at restore: the same remaining TTL five minutes later is off by the whole elapsed time.
        assertThat(ttlKey(3_600_000, T0).differences(ttlKey(3_600_000, T0 + elapsed))).singleElement()
                .satisfies(d -> assertThat(d.why()).contains("off by 300000 ms"));
        // Just over the tolerance.
        long over = StoreFingerprint.TTL_TOLERANCE.toMillis() + 1;
        assertThat(ttlKey(3_600_000, T0).differences(ttlKey(3_600_000 - elapsed - over, T0 + elapsed))).hasSize(1);
    }

    /** A scan that found no key, its last round at {@code at} ms. */
    private static StoreFingerprint emptyScanAt(long at) {
        return StoreFingerprint.empty().withRedis(T0 + "\n" + at + "\n");
    }

    @Test
    @DisplayName("a scan's round times are kept, the last one as the scan's time; without a scan it is unknown (-1)")
    void scanTime() {
        assertThat(emptyScanAt(T0 + 40).redisReadAtMillis()).isEqualTo(T0 + 40);
        assertThat(StoreFingerprint.empty().withRedis(REDIS).redisReadAtMillis()).isEqualTo(-1);
        assertThat(StoreFingerprint.empty().redisReadAtMillis()).isEqualTo(-1);
    }

    @Test
    @DisplayName("a key whose TTL ran out before the second scan is expected gone, not missing")
    void expiredKeyIsNoDifference() {
        // Read with 3.0 s left; scanned again 5 s later: Redis has dropped it, as it must.
        assertThat(ttlKey(3_000, T0).differences(emptyScanAt(T0 + 5_000))).isEmpty();
        // Within the tolerance of its expiry: it may have gone during the scan.
        assertThat(ttlKey(3_000, T0).differences(emptyScanAt(T0 + 3_000 - StoreFingerprint.TTL_TOLERANCE.toMillis()))).isEmpty();
        assertThat(ttlKey(3_000, T0).expiredBy(emptyScanAt(T0 + 5_000))).containsExactly("k");
        assertThat(RestoreReport.restore("offline", "run", ttlKey(3_000, T0), StoreFingerprint.empty(), emptyScanAt(T0 + 5_000),
                java.util.Map.of(), java.util.List.of(), null)).contains("came back unchanged",
                "1 Redis key(s) expired between the readings, as their TTLs said, and are rightly gone: k.");
        // Still alive at the second scan: not expired, and missing.
        assertThat(ttlKey(3_000, T0).expiredBy(emptyScanAt(T0 + 1_000))).isEmpty();
    }

    @Test
    @DisplayName("a key gone before its TTL ran out, one without a TTL, or one gone when the scan time is unknown, is missing")
    void missingKeyIsADifference() {
        long over = StoreFingerprint.TTL_TOLERANCE.toMillis() + 1;
        assertThat(ttlKey(3_000, T0).differences(emptyScanAt(T0 + 3_000 - over))).singleElement()
                .satisfies(d -> assertThat(d.toString()).contains("k", "PTTL 3000 ms", "after absent"));
        assertThat(ttlKey(-1, T0).differences(emptyScanAt(T0 + 600_000))).singleElement()
                .satisfies(d -> assertThat(d.after()).isEqualTo("absent"));
        assertThat(ttlKey(3_000, T0).differences(StoreFingerprint.empty())).hasSize(1);
        // The per-type comparison judges the same way.
        assertThat(ttlKey(3_000, T0).keyDifferences(emptyScanAt(T0 + 5_000), "string")).isEmpty();
        assertThat(ttlKey(3_000, T0).keyDifferences(emptyScanAt(T0 + 1_000), "string")).hasSize(1);
    }

    @Test
    @DisplayName("a key that lost its TTL, and one that gained one, are each a difference")
    void ttlLostOrGained() {
        assertThat(ttlKey(3_600_000, T0).differences(ttlKey(-1, T0 + 1000))).singleElement().satisfies(d -> {
            assertThat(d.toString()).contains("k", "PTTL 3600000 ms", "no TTL", "lost its TTL");
        });
        assertThat(ttlKey(-1, T0).differences(ttlKey(3_600_000, T0 + 1000))).singleElement().satisfies(d -> {
            assertThat(d.toString()).contains("k", "no TTL", "PTTL 3600000 ms", "gained a TTL");
        });
        assertThat(ttlKey(-1, T0).differences(ttlKey(-1, T0 + 600_000))).isEmpty();
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
