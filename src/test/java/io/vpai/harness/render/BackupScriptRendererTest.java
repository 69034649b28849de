package io.vpai.harness.render;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.Backup;
import io.vpai.harness.model.Backup.Step;
import io.vpai.harness.model.ModelException;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * pre-backup.sh: one step per model step, in order; bash accepts it; and, run for real against stub
 * clients, it keeps the last good dump when a dump fails, sends the heartbeat only after success,
 * logs every skip and keeps secrets off command lines.
 */
@Tag("gate")
@DisplayName("pre-backup.sh is rendered step by step and keeps the last good dump")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.RENDERING)
class BackupScriptRendererTest {
    private static final String POSTGRES_PASSWORD = "pg-secret-value";
    private static final String REDIS_PASSWORD = "redis-secret-value";
    private static final String QDRANT_API_KEY = "qdrant-secret-value";
    private static final String AWS_SECRET = "aws-secret-value";
    private static final String PUSH_URL = "http://kuma.invalid/api/push/token-secret-value";

    private final Stack model = VpaiStack.model();

    @TempDir
    Path work;

    private static String script(Stack stack) {
        return Rendered.file(new BackupScriptRenderer().render(stack), BackupScriptRenderer.PRE_BACKUP).content();
    }

    private static List<String> runStepLines(String script) {
        return script.lines().filter(l -> l.startsWith("run_step ")).toList();
    }

    @Test
    void bashAcceptsBothScripts() throws Exception {
        Path bash = ExternalTool.require("bash", "apt-get install bash");
        for (RenderedFile file : new BackupScriptRenderer().render(model)) {
            if (!file.executable()) {
                continue;
            }
            Path path = work.resolve(file.path().replace('/', '_'));
            Files.writeString(path, file.content());
            ExternalTool.Result result = ExternalTool.run(List.of(bash.toString(), "-n", path.toString()), work, Map.of());
            assertThat(result.exitCode()).withFailMessage("bash -n %s: %s", file.path(), result.stderr()).isZero();
            assertThat(file.content()).startsWith("#!/usr/bin/env bash\n").contains("\nset -euo pipefail\n");
        }
    }

    @Test
    void oneRunStepPerModelStepInModelOrder() {
        List<String> lines = runStepLines(script(model));
        List<Step> steps = model.backup().preBackup().steps();

        assertThat(lines).hasSize(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            assertThat(lines.get(i)).as("step " + (i + 1))
                    .startsWith("run_step " + BackupScriptRenderer.stepKey(step) + " '" + step.describe());
        }
        assertThat(lines.get(lines.size() - 1)).contains("heartbeat UPTIME_KUMA_PUSH_URL");
    }

    @Test
    void aFourthDatabaseGetsAFourthDumpAndIsCreatedAtInit() {
        List<Step> steps = new ArrayList<>(model.backup().preBackup().steps());
        steps.add(3, new Step.PgDump("postgresql", "audit"));
        Stack twin = withSteps(model, steps);

        assertThat(runStepLines(script(twin))).filteredOn(l -> l.contains("dump_postgres")).hasSize(4)
                .last().asString().endsWith("dump_postgres audit");
        assertThat(BackupScriptRenderer.dumpFiles(twin)).containsSubsequence("n8n.sql", "litellm.sql", "vpai.sql", "audit.sql");
        assertThat(Rendered.text(twin, PostgresInitRenderer.PATH)).contains("CREATE DATABASE \"audit\"");
    }

    @Test
    void theInitScriptCreatesTheDumpedDatabases() {
        assertThat(PostgresInitRenderer.databases(model)).containsExactlyElementsOf(VpaiStack.DATABASES);
        assertThat(Rendered.text(PostgresInitRenderer.PATH).lines().filter(l -> l.startsWith("SELECT 'CREATE DATABASE")))
                .hasSize(VpaiStack.DATABASES.size());
    }

    @Test
    void aDatabaseNameThatNeedsQuotingIsAModelError() {
        List<Step> steps = new ArrayList<>(model.backup().preBackup().steps());
        steps.add(0, new Step.PgDump("postgresql", "bad\"; DROP"));
        Stack twin = withSteps(model, steps);

        assertThatThrownBy(() -> new PostgresInitRenderer().render(twin)).isInstanceOf(ModelException.class)
                .hasMessageContaining("database name");
    }

    @Test
    void cronRunsTheScriptOnTheModelsScheduleAndDescribesTheResticJob() {
        String crontab = Rendered.text(BackupScriptRenderer.CRONTAB);
        Backup backup = model.backup();

        assertThat(crontab.lines().filter(l -> !l.startsWith("#") && l.contains(backup.preBackup().scriptPath())))
                .singleElement().asString().startsWith(backup.preBackup().schedule() + " root ");
        assertThat(crontab).contains("# " + backup.restic().schedule() + "  restic backup " + backup.preBackup().dumpDirectory())
                .contains(String.join(" ", backup.restic().retention().resticFlags()));
    }

    @Test
    void theResticScriptTakesRepositoryAndPasswordFromTheEnvironmentOnly() {
        String restic = Rendered.text(BackupScriptRenderer.RESTIC);

        assertThat(restic).contains("restic backup \"$BACKUP_DIR\"")
                .contains("restic forget --prune " + String.join(" ", model.backup().restic().retention().resticFlags()))
                .contains("${RESTIC_REPOSITORY:?").contains("${RESTIC_PASSWORD:?")
                .doesNotContain("RESTIC_REPOSITORY=").doesNotContain("RESTIC_PASSWORD=");
    }

    // --- the script run for real, against stub clients on PATH ---

    @Test
    void aCompleteRunWritesEveryDumpCopiesThemAndThenSendsTheHeartbeat() throws Exception {
        ExternalTool.Result result = run(Map.of());

        assertThat(result.exitCode()).withFailMessage("pre-backup failed:%n%s", result.stderr()).isZero();
        for (String name : BackupScriptRenderer.dumpFiles(model)) {
            assertThat(work.resolve("backups").resolve(name)).as(name).isNotEmptyFile();
        }
        assertThat(work.resolve("backups/n8n.sql")).hasContent("-- dump of n8n");
        List<String> calls = Files.readAllLines(work.resolve("calls.log"));
        assertThat(calls.stream().filter(c -> c.startsWith("curl") && c.contains("--upload-file")))
                .hasSize(BackupScriptRenderer.dumpFiles(model).size())
                .allSatisfy(c -> assertThat(c).contains("http://s3.invalid/vpai-shared/seed-data/"));
        assertThat(calls.get(calls.size() - 1)).as("the last call is the heartbeat").startsWith("curl").contains("-K -");
        assertThat(Files.readString(work.resolve("curl-config.log"))).contains(PUSH_URL);
        try (Stream<Path> files = Files.list(work.resolve("backups"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    @Test
    void secretsNeverAppearOnACommandLine() throws Exception {
        run(Map.of());

        assertThat(Files.readString(work.resolve("calls.log")))
                .doesNotContain(POSTGRES_PASSWORD, REDIS_PASSWORD, QDRANT_API_KEY, AWS_SECRET, PUSH_URL);
    }

    @Test
    void aFailingDumpKeepsThePreviousDumpStopsTheScriptAndSendsNoHeartbeat() throws Exception {
        Path backups = Files.createDirectories(work.resolve("backups"));
        Files.writeString(backups.resolve("litellm.sql"), "previous good dump\n");

        ExternalTool.Result result = run(Map.of("STUB_FAIL_DB", "litellm"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(backups.resolve("litellm.sql")).hasContent("previous good dump");
        assertThat(result.stderr()).contains("FAILED: pg_dump litellm");
        String calls = Files.readString(work.resolve("calls.log"));
        assertThat(calls).doesNotContain("--dbname=vpai").doesNotContain("redis-cli").doesNotContain("curl");
        try (Stream<Path> files = Files.list(backups)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file is left")
                    .containsExactlyInAnyOrder("n8n.sql", "litellm.sql");
        }
    }

    @Test
    void libpqIsGivenTheConnectTimeoutTenSecondsUnlessSet() throws Exception {
        run(Map.of());
        assertThat(Files.readAllLines(work.resolve("calls.log"))).contains("pg_dump's PGCONNECT_TIMEOUT=10");

        Files.delete(work.resolve("calls.log"));
        run(Map.of("CONNECT_TIMEOUT", "3"));
        assertThat(Files.readAllLines(work.resolve("calls.log"))).contains("pg_dump's PGCONNECT_TIMEOUT=3")
                .doesNotContain("pg_dump's PGCONNECT_TIMEOUT=10");
    }

    /** A stopped container's address swallows SYNs: a store that never answers fails its step once the bound is up. */
    @Test
    void aRedisThatNeverAnswersFailsItsStepAtTheConnectTimeout() throws Exception {
        Path backups = Files.createDirectories(work.resolve("backups"));
        Files.writeString(backups.resolve("redis.rdb"), "previous good rdb");

        ExternalTool.Result result = run(Map.of("STUB_REDIS_SILENT", "1", "CONNECT_TIMEOUT", "1"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("redis BGSAVE answered: nothing within 1s")
                .contains("FAILED: redis-cli BGSAVE + RDB copy");
        assertThat(backups.resolve("redis.rdb")).hasContent("previous good rdb");
        assertThat(Files.readString(work.resolve("calls.log"))).doesNotContain("--rdb").doesNotContain("curl");
    }

    @Test
    void skippedStepsAreLoggedAndTheirDumpsAreNotWritten() throws Exception {
        ExternalTool.Result result = run(Map.of("SKIP_STEPS", "qdrant n8n"));

        assertThat(result.exitCode()).withFailMessage(result.stderr()).isZero();
        assertThat(result.stderr()).contains("SKIPPED: qdrant snapshot (SKIP_STEPS has qdrant)")
                .contains("SKIPPED: n8n export:workflow (SKIP_STEPS has n8n)");
        assertThat(work.resolve("backups/qdrant.snapshot")).doesNotExist();
        assertThat(work.resolve("backups/n8n-workflows.json")).doesNotExist();
        assertThat(work.resolve("backups/redis.rdb")).exists();
    }

    @Test
    void anUnknownSkipKeyIsAnErrorBeforeAnyStep() throws Exception {
        ExternalTool.Result result = run(Map.of("SKIP_STEPS", "qdrnat"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("unknown step 'qdrnat'");
        assertThat(work.resolve("calls.log")).doesNotExist();
    }

    @Test
    void aMissingPasswordFailsItsStepByName() throws Exception {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("POSTGRES_PASSWORD", null);
        environment.put("PGPASSWORD", null);

        ExternalTool.Result result = run(environment);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("PGPASSWORD is not set");
    }

    private static Stack withSteps(Stack stack, List<Step> steps) {
        Backup backup = stack.backup();
        Backup.PreBackup pre = backup.preBackup();
        return stack.withBackup(new Backup(new Backup.PreBackup(pre.schedule(), pre.scriptPath(), pre.dumpDirectory(), steps),
                backup.restic(), backup.buckets()));
    }

    /** Runs the rendered script with stub pg_dump, redis-cli, curl and docker first on PATH. */
    private ExternalTool.Result run(Map<String, String> overrides) throws Exception {
        Path bash = ExternalTool.require("bash", "apt-get install bash");
        Path bin = Files.createDirectories(work.resolve("bin"));
        stub(bin, "pg_dump", """
                echo "pg_dump $*" >>"$STUB_LOG"
                echo "pg_dump's PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-unset}" >>"$STUB_LOG"
                db=""; file=""
                for a in "$@"; do case "$a" in --dbname=*) db="${a#--dbname=}";; --file=*) file="${a#--file=}";; esac; done
                [ -n "$PGPASSWORD" ] || { echo "stub pg_dump: no PGPASSWORD in the environment" >&2; exit 1; }
                if [ "$db" = "${STUB_FAIL_DB:-}" ]; then echo partial >"$file"; echo "stub pg_dump: $db failed" >&2; exit 1; fi
                printf -- '-- dump of %s\\n' "$db" >"$file"
                """);
        stub(bin, "redis-cli", """
                echo "redis-cli $*" >>"$STUB_LOG"
                [ -z "${STUB_REDIS_SILENT:-}" ] || exec sleep 60
                [ -n "${REDISCLI_AUTH:-}" ] || { echo "NOAUTH Authentication required."; exit 1; }
                case " $* " in *" BGSAVE "*) echo "Background saving started";; esac
                prev=""; for a in "$@"; do [ "$prev" = "--rdb" ] && printf 'REDIS0011' >"$a"; prev="$a"; done
                exit 0
                """);
        stub(bin, "curl", """
                echo "curl $*" >>"$STUB_LOG"
                case " $* " in *" -K - "*) cat >>"$STUB_CURL_CONFIG";; esac
                out=""; prev=""; post=""
                for a in "$@"; do [ "$prev" = "-o" ] && out="$a"; [ "$prev" = "-X" ] && post="$a"; prev="$a"; done
                if [ "$post" = "POST" ]; then echo '{"result":{"name":"full-snapshot-1.snapshot","creation_time":null},"status":"ok"}'; exit 0; fi
                if [ -n "$out" ] && [ "$out" != /dev/null ]; then printf 'snapshot-bytes' >"$out"; fi
                exit 0
                """);
        stub(bin, "docker", """
                echo "docker $*" >>"$STUB_LOG"
                case "$1" in
                  ps) echo c0ffee ;;
                  exec) shift 2; case "$1" in cat) echo '[{"id":"1"}]';; esac ;;
                esac
                exit 0
                """);
        Path script = work.resolve("pre-backup.sh");
        Files.writeString(script, script(model));
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", bin + ":/usr/bin:/bin");
        environment.put("STUB_LOG", work.resolve("calls.log").toString());
        environment.put("STUB_CURL_CONFIG", work.resolve("curl-config.log").toString());
        environment.put("BACKUP_DIR", work.resolve("backups").toString());
        environment.put("POSTGRES_PASSWORD", POSTGRES_PASSWORD);
        environment.put("REDIS_PASSWORD", REDIS_PASSWORD);
        environment.put("QDRANT_API_KEY", QDRANT_API_KEY);
        environment.put("S3_ENDPOINT", "http://s3.invalid/");
        environment.put("S3_REGION", "us-east-1");
        environment.put("AWS_ACCESS_KEY_ID", "access-id");
        environment.put("AWS_SECRET_ACCESS_KEY", AWS_SECRET);
        environment.put("UPTIME_KUMA_PUSH_URL", PUSH_URL);
        for (String inherited : List.of("PGPASSWORD", "REDISCLI_AUTH", "SKIP_STEPS", "PGHOST", "N8N_EXPORT_CMD", "N8N_CONTAINER",
                "CONNECT_TIMEOUT", "PGCONNECT_TIMEOUT")) {
            environment.putIfAbsent(inherited, null);
        }
        environment.putAll(overrides);
        return ExternalTool.run(List.of(bash.toString(), script.toString()), work, environment);
    }

    private static void stub(Path bin, String name, String body) throws Exception {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
