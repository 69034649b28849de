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
public final class DrillSettings {
    /** Hetzner Object Storage's Falkenstein region; S3Proxy accepts any region, SigV4 just needs one. */
    public static final String S3_REGION = "fsn1";
    /** Where restic restores to on the runner: a staging directory, never the live dump directory. */
    public static final String RESTORE_STAGING = "/var/tmp/vpai-restore";

    private final Stack model;
    private final String environment;
    private final String composeProject;
    private final Fixture.BackupPlacement placement;
    private final String postgresPassword;
    private final String redisPassword;
    private final String s3AccessKey;
    private final String s3SecretKey;
    private final String resticPassword;
    private final String pushToken;
    private final List<String> skippedSteps;
    /** The stack's .env values the scripts read (required variables or their fallbacks that Compose also uses). */
    private final Map<String, String> stackEnvironment;

    DrillSettings(Stack model, String environment, String composeProject, Fixture.BackupPlacement placement,
                  Map<String, String> secrets, List<String> skippedSteps) {
        this.model = model;
        this.environment = environment;
        this.composeProject = composeProject;
        this.placement = placement;
        this.postgresPassword = secrets.get("POSTGRES_PASSWORD");
        this.redisPassword = secrets.get("REDIS_PASSWORD");
        this.s3AccessKey = secrets.get(Fixture.BackupPlacement.S3_ACCESS_KEY_VARIABLE);
        this.s3SecretKey = secrets.get(Fixture.BackupPlacement.S3_SECRET_KEY_VARIABLE);
        this.resticPassword = random();
        this.pushToken = random();
        this.skippedSteps = List.copyOf(skippedSteps);
        Map<String, String> fromStack = new LinkedHashMap<>();
        for (ScriptVariable v : BackupScriptRenderer.preBackupEnvironment(model)) {
            for (String name : v.fallback().map(f -> List.of(v.name(), f)).orElse(List.of(v.name()))) {
                if (secrets.containsKey(name)) {
                    fromStack.put(name, secrets.get(name));
                }
            }
        }
        this.stackEnvironment = Map.copyOf(fromStack);
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
        return new DrillSettings(stack.model(), stack.name(), stack.run().project(),
                Fixture.BackupPlacement.of(stack.environment().fixtures()), secrets, skipped);
    }

    public Stack model() {
        return model;
    }

    public String environment() {
        return environment;
    }

    public String composeProject() {
        return composeProject;
    }

    public Fixture.BackupPlacement placement() {
        return placement;
    }

    /** The SKIP_STEPS keys: steps whose service is a stand-in here (nothing real to dump). */
    public List<String> skippedSteps() {
        return skippedSteps;
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

    public Backup.Retention retention() {
        return model.backup().restic().retention();
    }

    /** The path the heartbeat hits, token included: compared, never printed. */
    public String pushPath() {
        return "/api/push/" + pushToken;
    }

    /** What cron's .env gives pre-backup.sh: required values and fallbacks only, production defaults for the rest. */
    public Map<String, String> preBackupEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(stackEnvironment);
        env.put("BACKUP_DIR", dumpDirectory());
        env.put("SKIP_STEPS", String.join(" ", skippedSteps));
        // The stack's .env names them like Compose does; the script falls back to them (PGPASSWORD, REDISCLI_AUTH).
        env.put("POSTGRES_PASSWORD", postgresPassword);
        env.put("REDIS_PASSWORD", redisPassword);
        env.put("S3_ENDPOINT", placement.s3Endpoint());
        env.put("S3_REGION", S3_REGION);
        env.putAll(s3Credentials());
        env.put("UPTIME_KUMA_PUSH_URL", placement.uptimeKumaBase() + pushPath() + "?status=up&msg=OK&ping=");
        // The n8n export looks its container up by Compose label; this narrows it to the run's project.
        env.put("COMPOSE_PROJECT", composeProject);
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
        env.put("AWS_ACCESS_KEY_ID", s3AccessKey);
        env.put("AWS_SECRET_ACCESS_KEY", s3SecretKey);
        return env;
    }

    /** What the restic job gets: repository and password from the environment, S3 keys, the dump directory. */
    public Map<String, String> resticEnvironment(String repository, String backupDirectory) {
        Map<String, String> env = new LinkedHashMap<>(s3Credentials());
        env.put("RESTIC_REPOSITORY", repository);
        env.put("RESTIC_PASSWORD", resticPassword);
        env.put("BACKUP_DIR", backupDirectory);
        return env;
    }

    public Map<String, String> resticEnvironment() {
        return resticEnvironment(repository(backupsBucket()), dumpDirectory());
    }

    /** For psql and redis-cli run by the drill itself (seeding, fingerprints, loading dumps). */
    public Map<String, String> storeCredentials() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGPASSWORD", postgresPassword);
        env.put("REDISCLI_AUTH", redisPassword);
        return env;
    }

    /** Every secret value of this drill, for redaction. */
    public List<String> secrets() {
        List<String> all = new ArrayList<>(List.of(postgresPassword, redisPassword, s3AccessKey, s3SecretKey,
                resticPassword, pushToken));
        stackEnvironment.values().stream().filter(v -> !all.contains(v)).forEach(all::add);
        return all;
    }

    private static String random() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return "d" + HexFormat.of().formatHex(bytes);
    }
}
