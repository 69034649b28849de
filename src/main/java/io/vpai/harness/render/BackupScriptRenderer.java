package io.vpai.harness.render;

import io.vpai.harness.model.Backup;
import io.vpai.harness.model.Backup.Step;
import io.vpai.harness.model.Stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The nightly backup chain of the seed's section 5, as three files under {@code sese-ai/backup/}:
 * <ul>
 *   <li>{@code pre-backup.sh}: the model's pre-backup steps, in order. Dumps go to a temporary file
 *       in the dump directory and are moved over the previous dump only when complete, so a failed
 *       night leaves the last good dump in place; the first failing step stops the script with a
 *       non-zero status, so the heartbeat is sent only when every step before it succeeded.
 *       PostgreSQL is dumped as plain SQL ({@code <db>.sql}, {@code --clean --if-exists}): restic
 *       deduplicates it well and {@code psql -f} restores it into an existing database.</li>
 *   <li>{@code crontab}: the pre-backup schedule, in /etc/cron.d format, and the restic job as a
 *       comment (it runs on the restic host, not the VPS).</li>
 *   <li>{@code restic-backup.sh}: that restic job, repository and password from the environment.</li>
 * </ul>
 */
public final class BackupScriptRenderer implements Renderer {
    public static final String PRE_BACKUP = "sese-ai/backup/pre-backup.sh";
    public static final String CRONTAB = "sese-ai/backup/crontab";
    public static final String RESTIC = "sese-ai/backup/restic-backup.sh";
    /** Where cron's output goes on the VPS. */
    static final String LOG_FILE = "/var/log/vpai-pre-backup.log";

    @Override
    public List<RenderedFile> render(Stack stack) {
        PreBackupPlan plan = new PreBackupPlan(stack);
        return List.of(
                RenderedFile.script(PRE_BACKUP, PreBackupScript.text(plan)),
                RenderedFile.text(CRONTAB, crontab(stack)),
                RenderedFile.script(RESTIC, resticScript(stack)));
    }

    /** The files a complete run leaves in the dump directory, in step order: what a restore must find. */
    public static List<String> dumpFiles(Stack stack) {
        return new PreBackupPlan(stack).steps().stream().flatMap(p -> p.file().stream()).toList();
    }

    /** The keys {@code SKIP_STEPS} accepts, in step order. */
    public static List<String> stepKeys(Stack stack) {
        return PreBackupPlan.keysInOrder(stack.backup().preBackup().steps());
    }

    /** The key {@code SKIP_STEPS} uses for one step. */
    public static String stepKey(Step step) {
        return PreBackupPlan.key(step);
    }

    /** Every variable pre-backup.sh reads, with its production default where it has one. */
    public static List<ScriptVariable> preBackupEnvironment(Stack stack) {
        return new PreBackupPlan(stack).variables();
    }

    /** Every variable restic-backup.sh reads. */
    public static List<ScriptVariable> resticEnvironment(Stack stack) {
        Backup backup = stack.backup();
        return List.of(
                ScriptVariable.required("RESTIC_REPOSITORY", "restic repository, s3:<endpoint>/" + backup.restic().bucket(), false),
                ScriptVariable.required("RESTIC_PASSWORD", "restic repository password", true),
                ScriptVariable.optional("BACKUP_DIR", "the dump directory to back up", backup.preBackup().dumpDirectory()),
                ScriptVariable.required("AWS_ACCESS_KEY_ID", "S3 access key id (read by restic)", true),
                ScriptVariable.required("AWS_SECRET_ACCESS_KEY", "S3 secret access key (read by restic)", true));
    }

    /** The stack's .env on the VPS, sourced by cron: beside the scripts' directory. */
    static String environmentFile(Backup.PreBackup preBackup) {
        Path script = Path.of(preBackup.scriptPath());
        Path root = Optional.ofNullable(script.getParent()).map(Path::getParent).orElse(Path.of("/"));
        return root.resolve(".env").toString();
    }

    private static String crontab(Stack stack) {
        Backup backup = stack.backup();
        Backup.PreBackup pre = backup.preBackup();
        Backup.Restic restic = backup.restic();
        return Generated.header("#", BackupScriptRenderer.class)
                + "# /etc/cron.d format (with a user field): install as /etc/cron.d/vpai-backup on Sese-AI.\n"
                + "# Cron runs /bin/sh; the scripts' settings come from the stack's .env, exported with set -a,\n"
                + "# so that file must hold plain NAME=value lines.\n"
                + "SHELL=/bin/sh\n"
                + "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n"
                + "\n"
                + "# Pre-backup: " + pre.steps().size() + " steps, see " + fileName(PRE_BACKUP) + ".\n"
                + pre.schedule() + " root set -a && . " + environmentFile(pre) + " && set +a && " + pre.scriptPath()
                + " >>" + LOG_FILE + " 2>&1\n"
                + "\n"
                + "# Not run from this file: restic runs on " + restic.runnerHost() + " (Zerobyte), which pulls "
                + pre.dumpDirectory() + " over the VPN.\n"
                + "# " + restic.schedule() + "  restic backup " + pre.dumpDirectory() + " into bucket " + restic.bucket()
                + ", then restic forget --prune " + String.join(" ", restic.retention().resticFlags()) + "\n"
                + "# The same job as a script: " + fileName(RESTIC) + ".\n";
    }

    private static String resticScript(Stack stack) {
        Backup backup = stack.backup();
        Backup.Restic restic = backup.restic();
        StringBuilder out = new StringBuilder("#!/usr/bin/env bash\n")
                .append(Generated.header("#", BackupScriptRenderer.class))
                .append("#\n")
                .append("# The restic job (").append(restic.schedule()).append(" on ").append(restic.runnerHost())
                .append(", run there by Zerobyte) as the model declares it:\n")
                .append("# back up the dump directory into bucket ").append(restic.bucket())
                .append(", then apply the retention and prune.\n")
                .append("# Nothing here is literal: RESTIC_REPOSITORY (s3:<endpoint>/").append(restic.bucket())
                .append(") and RESTIC_PASSWORD come from\n")
                .append("# the environment, and restic reads the S3 credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.\n")
                .append("set -euo pipefail\n")
                .append('\n')
                .append(": \"${RESTIC_REPOSITORY:?RESTIC_REPOSITORY must be set (s3:<endpoint>/").append(restic.bucket()).append(")}\"\n")
                .append(": \"${RESTIC_PASSWORD:?RESTIC_PASSWORD must be set}\"\n")
                .append(resticEnvironment(stack).stream().filter(v -> v.name().equals("BACKUP_DIR")).findFirst().orElseThrow().assignment())
                .append('\n')
                .append("export RESTIC_REPOSITORY RESTIC_PASSWORD\n")
                .append('\n')
                .append("restic backup \"$BACKUP_DIR\"\n")
                .append("restic forget --prune ").append(String.join(" ", restic.retention().resticFlags())).append('\n');
        return out.toString();
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
