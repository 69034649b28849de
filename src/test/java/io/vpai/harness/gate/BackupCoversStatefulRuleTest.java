package io.vpai.harness.gate;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.Backup;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.vpai.harness.check.FindingsAssert.assertThatFindings;
import static io.vpai.harness.check.Status.PASS;

@Tag("gate")
@DisplayName("Gate rule: backups cover every stateful store, on the seed's schedule and retention")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.GATE_RULES)
class BackupCoversStatefulRuleTest {
    private final Stack vpai = VpaiStack.model();
    private final Backup backup = vpai.backup();
    private final BackupCoversStatefulRule rule = new BackupCoversStatefulRule();

    @Test
    void theSeedModelDumpsEveryStoreBeforeRestic() {
        assertThatFindings(rule.evaluate(vpai)).allPass()
                .hasFinding(PASS, "postgresql", "pg_dump n8n, pg_dump litellm, pg_dump vpai")
                .hasFinding(PASS, "qdrant", "qdrant snapshot")
                .hasFinding(PASS, "restic", "restic runs at 03:00, the pre-backup job at 02:55")
                .hasFinding(PASS, "restic:retention", "restic keeps 7d/4w/6m/2y, as in the architecture baseline (section 5)")
                .hasFinding(PASS, "pre-backup:schedule", "runs daily at 02:55, as in the architecture baseline (section 5, Cron)")
                .hasFinding(PASS, "restic:schedule", "runs daily at 03:00, as in the architecture baseline (section 5, Zerobyte)");
    }

    @Test
    void aPersistentServiceWithoutADumpStepFails() {
        Backup.PreBackup pre = backup.preBackup();
        Backup.PreBackup withoutQdrant = new Backup.PreBackup(pre.schedule(), pre.scriptPath(), pre.dumpDirectory(),
                pre.steps().stream().filter(s -> !s.service().equals("qdrant")).toList());
        Stack broken = vpai.withBackup(new Backup(withoutQdrant, backup.restic(), backup.buckets()));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("qdrant", "service 'qdrant' holds persistent data but no pre-backup step captures it, "
                        + "so restic never sees it")
                .failsOnlyAbout("qdrant");
    }

    @Test
    void resticBeforeTheDumpsFails() {
        Backup.Restic r = backup.restic();
        Stack broken = vpai.withBackup(new Backup(backup.preBackup(),
                new Backup.Restic("50 2 * * *", r.runnerHost(), r.bucket(), r.retention()), backup.buckets()));
        assertThatFindings(rule.evaluate(broken))
                .hasFailureContaining("restic", "restic runs at 02:50, the pre-backup job at 02:55: restic would copy");
    }

    @Test
    void aRetentionOtherThanTheSeedsFails() {
        Backup.Restic r = backup.restic();
        Stack broken = vpai.withBackup(new Backup(backup.preBackup(),
                new Backup.Restic(r.schedule(), r.runnerHost(), r.bucket(), new Backup.Retention(7, 4, 6, 0)),
                backup.buckets()));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("restic:retention", "restic keeps 7d/4w/6m/0y in the model; the architecture baseline "
                        + "(section 5) keeps 7d/4w/6m/2y")
                .failsOnlyAbout("restic:retention");
    }

    @Test
    void aScheduleOtherThanTheArchitecturesFailsNamingTheBaseline() {
        // Both jobs an hour later: still correctly ordered, so only the baseline can tell.
        Backup.PreBackup pre = backup.preBackup();
        Backup.Restic r = backup.restic();
        Stack moved = vpai.withBackup(new Backup(
                new Backup.PreBackup("55 3 * * *", pre.scriptPath(), pre.dumpDirectory(), pre.steps()),
                new Backup.Restic("0 4 * * *", r.runnerHost(), r.bucket(), r.retention()), backup.buckets()));
        assertThatFindings(rule.evaluate(moved))
                .hasFailure("pre-backup:schedule", "the pre-backup job runs at 03:55 in the model; "
                        + "the architecture baseline (section 5, Cron) runs it at 02:55")
                .hasFailure("restic:schedule", "the restic job runs at 04:00 in the model; "
                        + "the architecture baseline (section 5, Zerobyte) runs it at 03:00")
                .failsOnlyAbout("pre-backup:schedule", "restic:schedule");
    }

    @Test
    void resticPushingToTheSharedBucketFails() {
        Backup.Restic r = backup.restic();
        Stack broken = vpai.withBackup(new Backup(backup.preBackup(),
                new Backup.Restic(r.schedule(), r.runnerHost(), "vpai-shared", r.retention()), backup.buckets()));
        assertThatFindings(rule.evaluate(broken))
                .hasFailure("restic", "restic pushes to 'vpai-shared', but the disaster-recovery bucket is 'vpai-backups'");
    }
}
