package io.vpai.harness.backup;

import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.model.Backup;
import io.vpai.harness.model.Backup.Step;
import io.vpai.harness.model.Stack;
import io.vpai.harness.render.BackupScriptRenderer;
import io.vpai.harness.render.PostgresInitRenderer;
import io.vpai.harness.render.ScriptVariable;
import io.vpai.harness.environment.Fixture;
import io.vpai.harness.stack.RunningStack;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the drill hands the backup scripts, worked out from the model and the running stack: the
 * same variables cron takes from the stack's .env in production. Values that have a production default
 * in the script (store addresses, ports, user, shared bucket) are left unset on purpose, so the drill
 * also proves those defaults reach the stores. Secrets are this run's random values.
 */
public record DrillSettings(Stack model, String environment, String composeProject, Fixture.BackupPlacement placement,
                            Credentials credentials, List<String> skippedSteps, Map<String, String> stackEnvironment) {
    /** Hetzner Object Storage's Falkenstein region; S3Proxy accepts any region, SigV4 just needs one. */
    public static final String S3_REGION = "fsn1";
    /** Where restic restores to on the runner: a staging directory, never the live dump directory. */
    public static final String RESTORE_STAGING = "/var/tmp/vpai-restore";

    /**
     * The drill's secrets: the stack's own store and S3 passwords, and a restic password and push token of
     * its own, random per drill.
     */
    public record Credentials(String postgresPassword, String redisPassword, String s3AccessKey, String s3SecretKey,
                              String resticPassword, String pushToken) {
        /** A record would print every value; these end up in failure messages, so none is shown. */
        @Override
        public String toString() {
            return "Credentials[6 secrets, not shown]";
        }
    }

    /**
     * @param skippedSteps     the SKIP_STEPS keys: steps whose service is a stand-in here (nothing real to dump)
     * @param stackEnvironment the stack's .env values the scripts read (required variables or their fallbacks
     *                         that Compose also uses)
     */
    public DrillSettings {
        skippedSteps = List.copyOf(skippedSteps);
        stackEnvironment = Map.copyOf(stackEnvironment);
    }

    /** Without the secrets and the stack's .env values a record would print. */
    @Override
    public String toString() {
        return "DrillSettings[environment=" + environment + ", project=" + composeProject + ", skippedSteps="
                + skippedSteps + "]";
    }

    /** Settings from the stack's secrets (what Compose got), with a fresh restic password and push token. */
    static DrillSettings of(Stack model, String environment, String composeProject, Fixture.BackupPlacement placement,
                            Map<String, String> secrets, List<String> skippedSteps) {
        Credentials credentials = new Credentials(secrets.get("POSTGRES_PASSWORD"), secrets.get("REDIS_PASSWORD"),
                secrets.get(Fixture.BackupPlacement.S3_ACCESS_KEY_VARIABLE),
                secrets.get(Fixture.BackupPlacement.S3_SECRET_KEY_VARIABLE), random(), random());
        Map<String, String> fromStack = new LinkedHashMap<>();
        for (ScriptVariable v : BackupScriptRenderer.preBackupEnvironment(model)) {
            for (String name : v.fallback().map(f -> List.of(v.name(), f)).orElse(List.of(v.name()))) {
                if (secrets.containsKey(name)) {
                    fromStack.put(name, secrets.get(name));
                }
            }
        }
        return new DrillSettings(model, environment, composeProject, placement, credentials, skippedSteps, fromStack);
    }

    public static DrillSettings of(RunningStack stack) {
        // Everything Compose got: the stack's .env in production holds the same names.
        Map<String, String> secrets = new LinkedHashMap<>(stack.secrets().asEnvironment());
        List<String> skipped = new ArrayList<>();
        for (Step step : stack.model().backup().preBackup().steps()) {
            if (!step.service().isEmpty() && stack.fidelity(step.service()) == Fidelity.STAND_IN) {
                String key = BackupScriptRenderer.stepKey(step);
                if (!skipped.contains(key)) {
                    skipped.add(key);
                }
            }
        }
        return of(stack.model(), stack.name(), stack.run().project(),
                Fixture.BackupPlacement.of(stack.environment().fixtures()), secrets, skipped);
    }

    public boolean skipped(Step step) {
        return skippedSteps.contains(BackupScriptRenderer.stepKey(step));
    }

    public String dumpDirectory() {
        return model.backup().preBackup().dumpDirectory();
    }

    /** Where the shipped pre-backup.sh is installed (the model's path). */
    public String preBackupScript() {
        return model.backup().preBackup().scriptPath();
    }

    /** restic-backup.sh beside it. */
    public String resticScript() {
        Path script = Path.of(preBackupScript());
        return script.resolveSibling(Path.of(BackupScriptRenderer.RESTIC).getFileName()).toString();
    }

    /** The dump files a complete run must leave, skipped steps excluded, in step order. */
    public List<String> expectedDumps() {
        List<String> all = BackupScriptRenderer.dumpFiles(model);
        List<String> skippedFiles = skippedDumps();
        return all.stream().filter(f -> !skippedFiles.contains(f)).toList();
    }

    /** The dump files of skipped steps: must not appear. Named by the renderer itself, from those steps alone. */
    public List<String> skippedDumps() {
        Backup backup = model.backup();
        Backup.PreBackup pre = backup.preBackup();
        List<Step> skippedOnly = pre.steps().stream().filter(this::skipped).toList();
        Backup onlySkipped = new Backup(new Backup.PreBackup(pre.schedule(), pre.scriptPath(), pre.dumpDirectory(),
                skippedOnly), backup.restic(), backup.buckets());
        return BackupScriptRenderer.dumpFiles(model.withBackup(onlySkipped));
    }

    public List<String> databases() {
        return PostgresInitRenderer.databases(model);
    }

    public String postgresService() {
        return serviceOf(Step.PgDump.class);
    }

    public String redisService() {
        return serviceOf(Step.RedisSave.class);
    }

    /** The service whose workflows the n8n export step captures, if the model has that step. */
    public java.util.Optional<String> n8nService() {
        return model.backup().preBackup().steps().stream().filter(Step.N8nWorkflowExport.class::isInstance)
                .map(Step::service).findFirst();
    }

    private String serviceOf(Class<? extends Step> kind) {
        return model.backup().preBackup().steps().stream().filter(kind::isInstance).map(Step::service).findFirst()
                .orElseThrow(() -> new IllegalStateException("the model has no " + kind.getSimpleName() + " step"));
    }

    /** The production default pre-backup.sh uses for a variable (PGHOST, REDIS_PORT...): the model's address. */
    public String scriptDefault(String variable) {
        return BackupScriptRenderer.preBackupEnvironment(model).stream().filter(v -> v.name().equals(variable))
                .findFirst().flatMap(ScriptVariable::defaultValue)
                .orElseThrow(() -> new IllegalStateException("pre-backup.sh has no default for " + variable));
    }

    public String backupsBucket() {
        return model.backup().restic().bucket();
    }

    public String sharedBucket() {
        return model.backup().bucket(Backup.Bucket.Purpose.SHARED_SEED)
                .orElseThrow(() -> new IllegalStateException("the model has no shared-seed bucket")).name();
    }

    public String repository(String bucket) {
        return "s3:" + placement.s3Endpoint() + "/" + bucket;
    }

    /** The appendonly setting the model starts Redis with ("no" where its command does not say). */
    public String redisAppendOnly() {
        List<String> command = model.service(redisService()).orElseThrow().command();
        int i = command.indexOf("--appendonly");
        return i >= 0 && i + 1 < command.size() ? command.get(i + 1) : "no";
    }

    public Backup.Retention retention() {
        return model.backup().restic().retention();
    }

    /** The path the heartbeat hits, token included: compared, never printed. */
    public String pushPath() {
        return "/api/push/" + credentials.pushToken();
    }

    /**
     * pre-backup.sh's bound on a store's connection, in seconds. The drill's stores sit on the run's local
     * bridges and a live one answers in milliseconds, so 3 s is plenty, and the two stopped-store failure
     * cases wait 3 s instead of production's 10; every successful run of the drill is the positive control
     * that the bound does not cut a live store off. Production's default is the renderer's, unit-tested there.
     */
    static final String CONNECT_TIMEOUT = "3";

    /** What cron's .env gives pre-backup.sh: required values and fallbacks only, production defaults for the rest. */
    public Map<String, String> preBackupEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(stackEnvironment);
        env.put("BACKUP_DIR", dumpDirectory());
        env.put("SKIP_STEPS", String.join(" ", skippedSteps));
        // The stack's .env names them like Compose does; the script falls back to them (PGPASSWORD, REDISCLI_AUTH).
        env.put("POSTGRES_PASSWORD", credentials.postgresPassword());
        env.put("REDIS_PASSWORD", credentials.redisPassword());
        env.put("S3_ENDPOINT", placement.s3Endpoint());
        env.put("S3_REGION", S3_REGION);
        env.putAll(s3Credentials());
        env.put("UPTIME_KUMA_PUSH_URL", placement.uptimeKumaBase() + pushPath() + "?status=up&msg=OK&ping=");
        // The n8n export looks its container up by Compose label; this narrows it to the run's project.
        env.put("COMPOSE_PROJECT", composeProject);
        env.put("CONNECT_TIMEOUT", CONNECT_TIMEOUT);
        return env;
    }

    /** Required pre-backup.sh variables the drill does not provide, under their own name or their fallback. */
    public List<String> missingPreBackupVariables() {
        Map<String, String> env = preBackupEnvironment();
        return BackupScriptRenderer.preBackupEnvironment(model).stream()
                .filter(ScriptVariable::required)
                .filter(v -> !env.containsKey(v.name()) && v.fallback().map(f -> !env.containsKey(f)).orElse(true))
                .map(ScriptVariable::name).toList();
    }

    public Map<String, String> s3Credentials() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", credentials.s3AccessKey());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.s3SecretKey());
        return env;
    }

    /** What the restic job gets: repository and password from the environment, S3 keys, the dump directory. */
    public Map<String, String> resticEnvironment(String repository, String backupDirectory) {
        Map<String, String> env = new LinkedHashMap<>(s3Credentials());
        env.put("RESTIC_REPOSITORY", repository);
        env.put("RESTIC_PASSWORD", credentials.resticPassword());
        env.put("BACKUP_DIR", backupDirectory);
        return env;
    }

    public Map<String, String> resticEnvironment() {
        return resticEnvironment(repository(backupsBucket()), dumpDirectory());
    }

    /** For psql and redis-cli run by the drill itself (seeding, fingerprints, loading dumps). */
    public Map<String, String> storeCredentials() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGPASSWORD", credentials.postgresPassword());
        env.put("REDISCLI_AUTH", credentials.redisPassword());
        return env;
    }

    /** Every secret value of this drill, for redaction. */
    public List<String> secrets() {
        List<String> all = new ArrayList<>(List.of(credentials.postgresPassword(), credentials.redisPassword(),
                credentials.s3AccessKey(), credentials.s3SecretKey(), credentials.resticPassword(), credentials.pushToken()));
        stackEnvironment.values().stream().filter(v -> !all.contains(v)).forEach(all::add);
        return all;
    }

    private static String random() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return "d" + HexFormat.of().formatHex(bytes);
    }
}
