package io.vpai.harness.gate;

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
        return "every persistent service is dumped before the restic job, which runs after the dumps with 7d/4w/6m/2y retention";
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

    private static Finding retention(Backup.Restic restic) {
        Backup.Retention r = restic.retention();
        Backup.Retention seed = SeedBaseline.RETENTION;
        String keeps = "restic keeps " + gfs(r);
        if (!r.equals(seed)) {
            return Finding.fail(ID, "restic", keeps + "; the seed's retention is " + gfs(seed));
        }
        return Finding.pass(ID, "restic", keeps + ", the seed's retention");
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
