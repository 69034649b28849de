package io.vpai.harness.backup;

import io.vpai.harness.engine.ShellResult;

import io.vpai.harness.render.BackupScriptRenderer;
import io.vpai.harness.stack.RunningStack;
import io.vpai.harness.stack.StackException;
import io.vpai.harness.target.Target;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The backup chain as shipped, installed on the backup runner: the committed {@code pre-backup.sh} and
 * {@code restic-backup.sh} copied byte for byte to the model's script directory, a restic repository in
 * the backups bucket of the real S3 server, and the commands the drill and the benchmark run against them.
 */
public record BackupDrill(RunningStack stack, DrillSettings settings, BackupRunner runner) {
    static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(15);
    static final Duration RESTIC_TIMEOUT = Duration.ofMinutes(15);

    /**
     * Installs the shipped scripts from {@code projectRoot}'s compose/ and initialises the backups repository.
     *
     * @throws DrillUnavailable where {@code target} is not the container stack (no S3 server, no backup runner)
     */
    public static BackupDrill install(Target target, Path projectRoot) {
        RunningStack stack = target.capability(RunningStack.class)
                .orElseThrow(() -> new DrillUnavailable(target.name()));
        DrillSettings settings = DrillSettings.of(stack);
        List<String> secrets = new ArrayList<>(settings.secrets());
        secrets.addAll(stack.secrets().values());
        BackupRunner runner = new BackupRunner(stack, secrets);
        BackupDrill drill = new BackupDrill(stack, settings, runner);
        Path composeRoot = projectRoot.resolve("compose");
        drill.installScript(composeRoot.resolve(BackupScriptRenderer.PRE_BACKUP), settings.preBackupScript());
        drill.installScript(composeRoot.resolve(BackupScriptRenderer.RESTIC), settings.resticScript());
        drill.initRepository(settings.repository(settings.backupsBucket()));
        return drill;
    }

    /** This run's id, as the stack's labels carry it: the restore report names it. */
    public String runId() {
        return stack.run().runId();
    }

    private void installScript(Path shipped, String target) {
        if (!Files.isRegularFile(shipped)) {
            throw new StackException("shipped script " + shipped + " is missing: run the renderer first");
        }
        runner.require("creating " + Path.of(target).getParent(), "mkdir -p " + Path.of(target).getParent(), Map.of(),
                Duration.ofSeconds(30));
        runner.copyIn(shipped, target);
        // docker cp keeps the file's bytes; the mode bit is what cron needs to run it directly.
        runner.require("making " + target + " executable", "chmod 755 " + target, Map.of(), Duration.ofSeconds(30));
    }

    /** The repository Zerobyte would have created once: {@code restic init}, unless it already exists. */
    public void initRepository(String repository) {
        runner.require("restic init " + repository,
                "restic cat config >/dev/null 2>&1 || restic init", settings.resticEnvironment(repository,
                        settings.dumpDirectory()), RESTIC_TIMEOUT);
    }

    /** Runs the shipped pre-backup.sh with the drill's environment, replaced or extended by {@code overrides}. */
    public ShellResult runPreBackup(Map<String, String> overrides) {
        Map<String, String> env = new LinkedHashMap<>(settings.preBackupEnvironment());
        env.putAll(overrides);
        return runner.run(settings.preBackupScript(), env, SCRIPT_TIMEOUT);
    }

    public ShellResult runPreBackup() {
        return runPreBackup(Map.of());
    }

    /** Runs the shipped restic-backup.sh (backup, then forget --prune with the model's retention). */
    public ShellResult runResticJob(String repository, String backupDirectory) {
        return runner.run(settings.resticScript(), settings.resticEnvironment(repository, backupDirectory), RESTIC_TIMEOUT);
    }

    public ShellResult runResticJob() {
        return runResticJob(settings.repository(settings.backupsBucket()), settings.dumpDirectory());
    }

    /** Any restic command line against {@code repository}, with the drill's password and S3 keys. */
    public ShellResult restic(String repository, String arguments) {
        return runner.run("restic " + arguments, settings.resticEnvironment(repository, settings.dumpDirectory()),
                RESTIC_TIMEOUT);
    }

    /** The same restic command with a password that is not the repository's: restic must refuse it. */
    public ShellResult resticWithWrongPassword(String repository, String arguments) {
        Map<String, String> env = new LinkedHashMap<>(settings.resticEnvironment(repository, settings.dumpDirectory()));
        env.put("RESTIC_PASSWORD", "not-the-password");
        return runner.run("restic " + arguments, env, Duration.ofMinutes(2));
    }

    /** The workflows file pre-backup.sh exported from {@code n8n}, as it lies in the dump directory. */
    public String n8nExport(String n8n) {
        return runner.require("reading the n8n export", "cat \"$F\"",
                Map.of("F", settings.dumpDirectory() + "/" + n8n + "-workflows.json"), Duration.ofSeconds(30));
    }

    /** {@code n8n list:workflow} inside the n8n container: what the running n8n holds. */
    public ShellResult listN8nWorkflows(String n8n) {
        return stack.exec(n8n, "n8n list:workflow", Duration.ofMinutes(3));
    }

    public List<ResticSnapshot> snapshots(String repository) {
        ShellResult result = runner.run("restic snapshots --json --no-lock 2>/tmp/vpai-restic-snapshots.err"
                        + " || { cat /tmp/vpai-restic-snapshots.err; exit 1; }",
                settings.resticEnvironment(repository, settings.dumpDirectory()), RESTIC_TIMEOUT);
        if (!result.ok()) {
            throw new StackException("restic snapshots of " + repository + " failed (exit " + result.exitCode() + "): "
                    + result.tail(5));
        }
        return ResticSnapshot.parse(result.output());
    }

    public ResticVersion resticVersion() {
        return ResticVersion.parse(runner.require("restic version", "restic version", Map.of(), Duration.ofSeconds(30)));
    }

    /**
     * Every entry of the dump directory with its SHA-256 ("-" for a non-file): hidden temporary files
     * included, so a leftover {@code .n8n.sql.XXXXXX} shows up.
     */
    public Map<String, String> dumpChecksums() {
        return perFile("checksumming " + settings.dumpDirectory(), settings.dumpDirectory(),
                "cd \"$DIR\" 2>/dev/null || exit 0\n"
                        + "for f in .[!.]* *; do [ -e \"$f\" ] || continue; "
                        + "if [ -f \"$f\" ]; then printf '%s\\t%s\\n' \"$f\" \"$(sha256sum < \"$f\" | cut -c1-64)\"; "
                        + "else printf '%s\\t-\\n' \"$f\"; fi; done", Duration.ofMinutes(5));
    }

    /** MD5 of each dump file (S3's ETag of a single-part upload). */
    public Map<String, String> dumpMd5s() {
        return perFile("md5 of the dumps", settings.dumpDirectory(), regularFiles("md5sum < \"$f\" | cut -c1-32"),
                Duration.ofMinutes(5));
    }

    /** Bytes of each dump file in {@code directory}. */
    public Map<String, Long> sizes(String directory) {
        Map<String, Long> sizes = new TreeMap<>();
        perFile("sizes in " + directory, directory, regularFiles("stat -c %s \"$f\""), Duration.ofMinutes(1))
                .forEach((file, bytes) -> sizes.put(file, Long.parseLong(bytes.strip())));
        return sizes;
    }

    /** A script printing "name TAB value" for each regular file of $DIR, the value from {@code valueCommand}. */
    private static String regularFiles(String valueCommand) {
        return "cd \"$DIR\" && for f in *; do [ -f \"$f\" ] && printf '%s\\t%s\\n' \"$f\" \"$(" + valueCommand
                + ")\"; done; true";
    }

    /** Runs a script over $DIR={@code directory} that prints "name TAB value" lines; returns them by name. */
    private Map<String, String> perFile(String what, String directory, String script, Duration timeout) {
        String out = runner.require(what, script, Map.of("DIR", directory), timeout);
        Map<String, String> values = new TreeMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 2) {
                values.put(f[0], f[1]);
            }
        }
        return values;
    }
}
