package io.vpai.harness.gate;

import io.vpai.harness.baseline.ArchitectureBaseline;
import io.vpai.harness.check.Finding;
import io.vpai.harness.model.Backup;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Service.DataClass;
import io.vpai.harness.model.Stack;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Restic copies the dump directory, not live volumes, so a persistent service without a pre-backup
 * step is simply not in the backup. Restic must also run after the dumps are written (the seed's
 * 03:00 after 02:55), keep the seed's GFS retention, and push to the disaster-recovery bucket.
 */
public final class BackupCoversStatefulRule implements GateRule {
    public static final String ID = "backup.covers-stateful";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "every persistent service is dumped before the restic job, and both jobs' times and the retention are the architecture's";
    }

    @Override
    public List<Finding> evaluate(Stack stack) {
        Backup backup = stack.backup();
        List<Finding> findings = new ArrayList<>();
        for (Service service : stack.services()) {
            if (service.data() == DataClass.PERSISTENT) {
                findings.add(coverage(backup.preBackup(), service.name()));
            }
        }
        findings.add(schedule(backup));
        findings.add(atBaselineTime("pre-backup", backup.preBackup().schedule(), ArchitectureBaseline.PRE_BACKUP_AT,
                "section 5, Cron"));
        findings.add(atBaselineTime("restic", backup.restic().schedule(), ArchitectureBaseline.RESTIC_AT,
                "section 5, Zerobyte"));
        findings.add(retention(backup.restic()));
        findings.add(bucket(backup));
        return findings;
    }

    private static Finding coverage(Backup.PreBackup preBackup, String service) {
        List<String> steps = preBackup.steps().stream().filter(s -> s.service().equals(service))
                .map(Backup.Step::describe).toList();
        if (steps.isEmpty()) {
            return Finding.fail(ID, service, "service '" + service + "' holds persistent data but no pre-backup step"
                    + " captures it, so restic never sees it");
        }
        return Finding.pass(ID, service, "service '" + service + "' is captured by " + String.join(", ", steps));
    }

    private static Finding schedule(Backup backup) {
        String pre = backup.preBackup().schedule();
        String restic = backup.restic().schedule();
        Optional<LocalTime> preTime = DailySchedule.timeOf(pre);
        Optional<LocalTime> resticTime = DailySchedule.timeOf(restic);
        if (preTime.isEmpty() || resticTime.isEmpty()) {
            return Finding.fail(ID, "restic", "cannot order the jobs: pre-backup '" + pre + "' and restic '" + restic
                    + "' must both be daily 'M H * * *' cron lines");
        }
        String both = "restic runs at " + resticTime.get() + ", the pre-backup job at " + preTime.get();
        if (!resticTime.get().isAfter(preTime.get())) {
            return Finding.fail(ID, "restic", both + ": restic would copy yesterday's dumps (or half-written ones)");
        }
        return Finding.pass(ID, "restic", both + ": restic runs after the dumps");
    }

    /** The job's time against the document's: a later pre-backup or an earlier restic breaks the 5-minute gap. */
    private static Finding atBaselineTime(String job, String cron, LocalTime expected, String section) {
        String oracle = ArchitectureBaseline.says(section);
        Optional<LocalTime> time = DailySchedule.timeOf(cron);
        if (time.isEmpty()) {
            return Finding.fail(ID, job + ":schedule", "the " + job + " job runs '" + cron + "' in the model, not once a day; "
                    + oracle + " runs it daily at " + expected);
        }
        if (!time.get().equals(expected)) {
            return Finding.fail(ID, job + ":schedule", "the " + job + " job runs at " + time.get() + " in the model; "
                    + oracle + " runs it at " + expected);
        }
        return Finding.pass(ID, job + ":schedule", "the " + job + " job runs daily at " + expected + ", as in " + oracle);
    }

    private static Finding retention(Backup.Restic restic) {
        Backup.Retention r = restic.retention();
        Backup.Retention seed = ArchitectureBaseline.RETENTION;
        String keeps = "restic keeps " + gfs(r);
        if (!r.equals(seed)) {
            return Finding.fail(ID, "restic:retention", keeps + " in the model; "
                    + ArchitectureBaseline.says("section 5") + " keeps " + gfs(seed));
        }
        return Finding.pass(ID, "restic:retention", keeps + ", as in " + ArchitectureBaseline.says("section 5"));
    }

    private static Finding bucket(Backup backup) {
        String target = backup.restic().bucket();
        Optional<Backup.Bucket> recovery = backup.bucket(Backup.Bucket.Purpose.DISASTER_RECOVERY);
        if (recovery.isEmpty()) {
            return Finding.fail(ID, "restic", "no bucket is declared for disaster recovery; restic pushes to '" + target + "'");
        }
        if (!recovery.get().name().equals(target)) {
            return Finding.fail(ID, "restic", "restic pushes to '" + target + "', but the disaster-recovery bucket is '"
                    + recovery.get().name() + "'");
        }
        return Finding.pass(ID, "restic", "restic pushes to the disaster-recovery bucket '" + target + "'");
    }

    private static String gfs(Backup.Retention r) {
        return r.daily() + "d/" + r.weekly() + "w/" + r.monthly() + "m/" + r.yearly() + "y";
    }
}
