package io.vpai.harness.specs;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.qameta.allure.Allure;
import io.qameta.allure.Story;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.report.FactoryStage;
import io.vpai.harness.backup.BackupDrill;
import io.vpai.harness.backup.Checksums;
import io.vpai.harness.backup.DataWipe;
import io.vpai.harness.backup.DrillScope;
import io.vpai.harness.backup.DrillSettings;
import io.vpai.harness.backup.DrillUnavailable;
import io.vpai.harness.backup.Faults;
import io.vpai.harness.backup.FingerprintReader;
import io.vpai.harness.backup.HeartbeatLog;
import io.vpai.harness.backup.RestoreProcedure;
import io.vpai.harness.backup.RestoreReport;
import io.vpai.harness.backup.ResticSnapshot;
import io.vpai.harness.backup.RetentionCalendar;
import io.vpai.harness.backup.RetentionDrill;
import io.vpai.harness.backup.RetentionPolicy;
import io.vpai.harness.backup.S3Objects;
import io.vpai.harness.backup.SeedData;
import io.vpai.harness.backup.StoreFingerprint;
import io.vpai.harness.engine.ContainerState;
import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.support.RequiresDocker;
import io.vpai.harness.target.Target;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The backups are only as good as the last restore. Back up the fresh stack and break that run's steps one
 * at a time (the failure paths); seed every real store, run the shipped pre-backup.sh and restic-backup.sh
 * against the real S3 server, destroy the stores' containers and volumes, restore the latest snapshot, and
 * compare every table, sequence and key; then the retention policy over two years of history, and a
 * corrupted repository. Each stage runs only when
 * the one it builds on passed; otherwise it is skipped with that reason. The mechanics live in the
 * {@code backup} package; a target that cannot host the drill (no S3 server, no backup runner) aborts it
 * with the reason.
 */
@Tag("stack")
@Tag("destructive")
@RequiresDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Backup and restore drill")
@Epic(Behaviors.CONFORMANCE)
@Feature(Behaviors.BACKUP_RESTORE)
class BackupRestoreSpec {
    private final Path projectRoot = Path.of("").toAbsolutePath();

    private Target target;
    private BackupDrill drill;
    private DrillSettings settings;
    private DrillScope scope;
    private FingerprintReader reader;
    private HeartbeatLog heartbeat;
    private S3Objects s3;
    private Faults faults;
    private boolean postgresReal;
    private boolean redisReal;

    private StoreFingerprint seeded;
    private StoreFingerprint atDump;
    private StoreFingerprint afterWipe = StoreFingerprint.empty();
    private List<String> wipedVolumes = List.of();
    /** The fresh stack's run left dumps and seed objects: what the failure paths must leave untouched. */
    private boolean freshDumped;
    private boolean dumped;
    private boolean backedUp;
    /** The retention replay: its own bucket and repository, so it runs beside the other stages from the start. */
    private List<LocalDateTime> calendar;
    private LocalDate lastNight;
    private CompletableFuture<RetentionDrill.Result> retention;

    /** Why this target cannot host the drill; each stage then reports itself skipped with it, not silently absent. */
    private String unavailable;

    @BeforeAll
    void installTheShippedScripts(Target target) {
        this.target = target;
        try {
            drill = BackupDrill.install(target, projectRoot);
        } catch (DrillUnavailable notHere) {
            unavailable = notHere.getMessage();
            return;
        }
        settings = drill.settings();
        scope = new DrillScope(target, settings);
        reader = new FingerprintReader(drill);
        heartbeat = new HeartbeatLog(drill);
        s3 = new S3Objects(drill);
        faults = new Faults(drill);
        postgresReal = scope.postgresReal();
        redisReal = scope.redisReal();
        // The replay is mostly restic's key derivation, CPU-bound, in a repository nothing else touches: started
        // now, it overlaps the stages that wait on n8n and the stores, and the retention stage only collects it.
        lastNight = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        boolean full = "nightly".equals(System.getProperty("vpai.backup.retention"));
        calendar = full ? RetentionCalendar.nightly(lastNight) : RetentionCalendar.sparse(lastNight);
        retention = CompletableFuture.supplyAsync(
                () -> RetentionDrill.run(drill, settings.backupsBucket() + "-retention-drill", calendar),
                runnable -> {
                    Thread replay = new Thread(runnable, "retention-replay");
                    replay.setDaemon(true);
                    replay.start();
                });
        // Safety rule: every address the drill's commands aim at lies in a network this run created.
        for (String address : List.of(settings.scriptDefault("PGHOST"), settings.scriptDefault("REDIS_HOST"),
                settings.placement().s3(), settings.placement().uptimeKuma())) {
            assertThat(target.probeableNetworks().stream().anyMatch(net -> net.contains(address)))
                    .as("backup drill target %s must be inside the run's networks %s (environment %s)", address,
                            target.probeableNetworks().stream().map(Cidr::toString).toList(), target.name())
                    .isTrue();
        }
    }

    /** One test that reports the stage skipped with the reason: an aborted factory alone would show as nothing. */
    private Stream<DynamicTest> skippedHere() {
        return Stream.of(dynamicTest("the drill cannot run on " + target.name(), () -> Assumptions.abort(unavailable)));
    }

    /** Whatever stage failed, the shared stack is left with every application running for the specs after this one. */
    @AfterAll
    void leaveTheApplicationsRunning() {
        if (retention != null) {
            // Whatever happened to the stages, the replay does not outlive the drill into the next spec.
            retention.exceptionally(e -> null).join();
        }
        if (drill != null) {
            new RestoreProcedure(drill).ensureConsumersRunning();
        }
    }

    @Order(0)
    @TestFactory
    @Story("A fresh stack backs up")
    Stream<DynamicTest> theNightlyBackupWorksOnAFreshlyDeployedStack(TestReporter reporter) {
        if (unavailable != null) {
            return skippedHere();
        }
        ShellResult run;
        try (FactoryStage stage = FactoryStage.start(reporter, "pre-backup.sh on a fresh stack")) {
            run = stage.step("run the shipped pre-backup.sh before any data was added", () -> drill.runPreBackup());
        }
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("pre-backup.sh exits 0 before any data was added",
                () -> assertThat(run.exitCode()).as("exit status of %s on a fresh stack (environment %s); log ends:%n%s",
                        settings.preBackupScript(), target.name(), run.tail(12)).isZero()));
        scope.realN8n().ifPresent(n8n ->
                tests.add(dynamicTest(n8n + " without workflows exports an empty list, not a failure",
                        () -> assertThat(drill.n8nExport(n8n).strip())
                                .as("%s/%s-workflows.json on a fresh stack", settings.dumpDirectory(), n8n)
                                .isEqualTo("[]"))));
        freshDumped = run.ok();
        return tests.stream();
    }

    /**
     * Right after the fresh run, whose dumps and seed objects they must leave untouched: here the applications
     * have no data yet that a stopped store could upset, and the next successful run (the seeded pre-backup,
     * with its one heartbeat) is the repaired twin of every "no heartbeat" below.
     */
    @Order(1)
    @TestFactory
    @Story("Failure paths")
    Stream<DynamicTest> aFailingStepStopsTheScriptWithoutHeartbeatAndKeepsThePreviousDumps(TestReporter reporter) {
        if (unavailable != null) {
            return skippedHere();
        }
        Assumptions.assumeTrue(freshDumped, "pre-backup.sh failed on the fresh stack: no previous dumps to protect");
        List<DynamicTest> tests = new ArrayList<>();
        try (FactoryStage stage = FactoryStage.start(reporter, "break one thing at a time, run pre-backup.sh, repair")) {
            if (postgresReal) {
                tests.addAll(failureCase(stage, "postgresql is stopped", "pg_dump " + settings.databases().get(0),
                        settings.expectedDumps(), () -> faults.stop(settings.postgresService()),
                        () -> faults.start(settings.postgresService()), Map.of()));
            }
            if (redisReal) {
                tests.addAll(failureCase(stage, "redis is stopped", "redis-cli BGSAVE + RDB copy",
                        List.of(settings.redisService() + ".rdb"), () -> faults.stop(settings.redisService()),
                        () -> faults.start(settings.redisService()), Map.of()));
            }
            tests.addAll(failureCase(stage, "S3 refuses the seed copy (wrong secret)",
                    "copy latest seed-data to " + settings.sharedBucket(), List.of(), () -> { }, () -> { },
                    Map.of("AWS_SECRET_ACCESS_KEY", "wrong" + settings.s3Credentials().get("AWS_SECRET_ACCESS_KEY"))));
            // Each repair waited for its store only; the applications are awaited once, here.
            stage.run("after the repairs, every service of the stack is ready again", faults::awaitStackReady);
        }
        return tests.stream();
    }

    /**
     * One failure: break something, run the shipped script, repair. The script must exit non-zero, name the
     * failing step, send no heartbeat, leave {@code untouched} dumps byte-identical, change no other dump
     * than those its log says it replaced with a complete one, and leave the previous good run's objects in
     * the shared bucket byte-identical (the seed copy never ran, or was refused).
     */
    private List<DynamicTest> failureCase(FactoryStage stage, String what, String failingStep, List<String> untouched,
                                          Runnable breakIt, Runnable repair, Map<String, String> overrides) {
        String bucket = settings.sharedBucket();
        Checksums dumpsBefore = stage.step(what + ": checksum the dumps",
                () -> new Checksums(settings.dumpDirectory(), drill.dumpChecksums()));
        Checksums seedBefore = stage.step(what + ": list s3://" + bucket, () -> new Checksums("s3://" + bucket, s3.list(bucket, "")));
        int pushesBefore = heartbeat.allPushes();
        stage.run(what + ": break it", breakIt::run);
        ShellResult run;
        try {
            run = stage.step(what + ": run pre-backup.sh", () -> drill.runPreBackup(overrides));
        } finally {
            stage.run(what + ": repair", repair::run);
        }
        Checksums dumpsAfter = stage.step(what + ": checksum the dumps again",
                () -> new Checksums(settings.dumpDirectory(), drill.dumpChecksums()));
        Checksums seedAfter = stage.step(what + ": list s3://" + bucket + " again",
                () -> new Checksums("s3://" + bucket, s3.list(bucket, "")));
        Set<String> replaced = Checksums.writtenBy(run.output());
        int pushesAfter = heartbeat.allPushes();
        return List.of(
                dynamicTest(what + ": pre-backup.sh exits non-zero", () -> assertThat(run.exitCode())
                        .as("exit status when %s; log ends:%n%s", what, run.tail(6)).isNotZero()),
                dynamicTest(what + ": the log names the failed step '" + failingStep + "'",
                        () -> assertThat(run.output()).contains("FAILED: " + failingStep)),
                dynamicTest(what + ": no heartbeat is sent", () -> assertThat(pushesAfter - pushesBefore)
                        .as("new pushes at %s", settings.placement().uptimeKumaBase()).isZero()),
                // With nothing listed (every dump is replaced before the failing step) only the leftover check remains: say so.
                dynamicTest(what + (untouched.isEmpty() ? ": no temporary dump is left behind (every dump precedes the failing step)"
                                : ": the previous " + untouched + " stay untouched"),
                        () -> {
                            assertThat(dumpsBefore.sums().keySet()).as("previous dumps in %s", settings.dumpDirectory())
                                    .containsAll(untouched);
                            assertThat(dumpsBefore.only(untouched).changesIn(dumpsAfter.only(untouched)))
                                    .as("SHA-256 changes in %s after the failed run (%s)", settings.dumpDirectory(), what).isEmpty();
                            assertThat(dumpsAfter.sums().keySet()).as("temporary files left").noneMatch(f -> f.startsWith("."));
                        }),
                dynamicTest(what + ": no other dump changed than those the log says were replaced by complete ones "
                        + replaced, () -> {
                            // noneMatch, not doesNotContainAnyElementsOf: that one throws on an empty untouched list.
                            assertThat(replaced).as("dumps replaced, by the log, that must stay untouched").noneMatch(untouched::contains);
                            assertThat(dumpsBefore.without(replaced).changesIn(dumpsAfter.without(replaced)))
                                    .as("SHA-256 changes in %s not logged as 'wrote' (%s)", settings.dumpDirectory(), what).isEmpty();
                        }),
                dynamicTest(what + ": the previous run's objects in s3://" + bucket + " stay byte-for-byte untouched", () -> {
                    assertThat(seedBefore.sums().keySet()).as("objects of the previous good run in s3://%s", bucket)
                            .anyMatch(k -> k.startsWith("seed-data/"));
                    assertThat(seedBefore.changesIn(seedAfter)).as("ETag (MD5) changes in s3://%s after the failed run (%s)",
                            bucket, what).isEmpty();
                }));
    }

    @Order(2)
    @TestFactory
    @Story("Seeding")
    Stream<DynamicTest> seedEveryRealStore() {
        if (unavailable != null) {
            return skippedHere();
        }
        List<DynamicTest> tests = new ArrayList<>();
        SeedData seed = new SeedData(drill);
        for (String service : scope.backedUpServices()) {
            if (target.fidelity(service) == Fidelity.STAND_IN) {
                tests.add(dynamicTest(service + ": not seeded — a stand-in in environment " + target.name(),
                        () -> Assumptions.abort(scope.standInReason(service))));
            } else if (service.equals(settings.postgresService())) {
                for (String database : settings.databases()) {
                    tests.add(dynamicTest(service + ": database " + database + " gets tables, a sequence and JSONB",
                            () -> seed.seedDatabase(database, 1)));
                }
            } else if (service.equals(settings.redisService())) {
                tests.add(dynamicTest(service + ": keys of five types, with and without TTL",
                        () -> seed.seedRedis(1)));
            } else if (settings.n8nService().filter(service::equals).isPresent()) {
                tests.add(dynamicTest(service + ": " + SeedData.n8nWorkflowIds().size() + " workflows imported with its own CLI",
                        () -> seed.seedN8n(service)));
            } else {
                tests.add(dynamicTest(service + ": not seeded — the drill has no seed for it",
                        () -> Assumptions.abort(service + " is real in " + target.name() + " but the drill cannot seed it yet")));
            }
        }
        tests.add(dynamicTest("the seeded data is visible in every real store", () -> {
            seeded = reader.read(postgresReal, redisReal);
            if (postgresReal) {
                for (String database : settings.databases()) {
                    Map<String, StoreFingerprint.Table> tables = seeded.tablesOf(database);
                    for (String table : SeedData.tables(database)) {
                        assertThat(tables.get(table)).as("%s on %s, database %s: seeded table %s", settings.postgresService(),
                                settings.scriptDefault("PGHOST"), database, table).isNotNull();
                        assertThat(tables.get(table).rows()).as("rows of %s.%s", database, table).isPositive();
                    }
                    assertThat(seeded.sequences()).as("sequences of %s", database)
                            .containsKey(database + ":" + SeedData.SCHEMA + ".invoice_number_seq");
                }
            }
            if (redisReal) {
                assertThat(seeded.redisTypes()).as("redis key types on %s", settings.scriptDefault("REDIS_HOST"))
                        .contains("string", "hash", "list", "set", "zset");
                assertThat(seeded.keys().values()).as("redis keys with a TTL").anyMatch(StoreFingerprint.Key::hasTtl);
                assertThat(seeded.keys().values()).as("redis keys without a TTL").anyMatch(k -> !k.hasTtl());
            }
        }));
        return tests.stream();
    }

    @Order(3)
    @TestFactory
    @Story("Pre-backup dumps")
    Stream<DynamicTest> preBackupWritesTheDumpsCopiesTheSeedAndSendsOneHeartbeat(TestReporter reporter) {
        if (unavailable != null) {
            return skippedHere();
        }
        Assumptions.assumeTrue(seeded != null, "the stores were not seeded");
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("the drill supplies every variable pre-backup.sh requires",
                () -> assertThat(settings.missingPreBackupVariables()).as("required by the shipped pre-backup.sh").isEmpty()));
        int pushesBefore;
        ShellResult run;
        Map<String, String> dumps;
        try (FactoryStage stage = FactoryStage.start(reporter, "pre-backup.sh on the seeded stores")) {
            pushesBefore = stage.step("count Uptime Kuma's heartbeats so far", () -> heartbeat.pushesWithToken());
            run = stage.step("run the shipped pre-backup.sh", () -> drill.runPreBackup());
            // What the restore must bring back is the data as dumped: read right after the dump, before anything moves.
            atDump = stage.step("read every store as dumped", () -> reader.read(postgresReal, redisReal));
            dumps = stage.step("checksum the dumps", () -> drill.dumpChecksums());
        }
        String where = settings.dumpDirectory() + " on " + drill.runner().service() + " (environment " + target.name() + ")";
        tests.add(dynamicTest("pre-backup.sh exits 0 with SKIP_STEPS=\"" + String.join(" ", settings.skippedSteps()) + "\"",
                () -> assertThat(run.exitCode()).as("exit status of %s; its log ends:%n%s", settings.preBackupScript(),
                        run.tail(12)).isZero()));
        for (String key : settings.skippedSteps()) {
            tests.add(dynamicTest("its log says the " + key + " step was skipped on purpose",
                    () -> assertThat(run.output()).as("pre-backup.sh log").contains("(SKIP_STEPS has " + key + ")")));
        }
        for (String file : settings.expectedDumps()) {
            tests.add(dynamicTest(file + " is written to " + settings.dumpDirectory(),
                    () -> assertThat(dumps).as("files in %s", where).containsKey(file)));
        }
        for (String file : settings.skippedDumps()) {
            tests.add(dynamicTest(file + " is not written (its step was skipped)",
                    () -> assertThat(dumps).as("files in %s", where).doesNotContainKey(file)));
        }
        scope.realN8n().ifPresent(n8n ->
                tests.add(dynamicTest(n8n + "-workflows.json holds every seeded workflow (exported with docker exec)",
                        () -> assertThat(drill.n8nExport(n8n))
                                .as("%s/%s-workflows.json", settings.dumpDirectory(), n8n)
                                .contains(SeedData.n8nWorkflowIds()))));
        tests.add(dynamicTest("no temporary dump is left behind",
                () -> assertThat(dumps.keySet()).as("hidden files in %s", where).noneMatch(f -> f.startsWith("."))));
        tests.add(dynamicTest("every dump reached s3://" + settings.sharedBucket() + "/seed-data/ unchanged (ETag = MD5)", () -> {
            Map<String, String> expected = new LinkedHashMap<>();
            drill.dumpMd5s().forEach((file, md5) -> expected.put("seed-data/" + file, md5));
            assertThat(s3.list(settings.sharedBucket(), "seed-data/")).as("objects in bucket %s of %s",
                    settings.sharedBucket(), settings.placement().s3Endpoint()).containsExactlyInAnyOrderEntriesOf(expected);
        }));
        tests.add(dynamicTest("S3 refuses the same listing signed with a wrong secret",
                () -> assertThat(s3.statusWithWrongSecret(settings.sharedBucket())).as("HTTP status from %s",
                        settings.placement().s3Endpoint()).isEqualTo("403")));
        // After the failure paths' repairs: the twin of their "no heartbeat".
        tests.add(dynamicTest("exactly one heartbeat reached Uptime Kuma, with this run's push token",
                () -> assertThat(heartbeat.pushesWithToken() - pushesBefore).as("new pushes at %s",
                        settings.placement().uptimeKumaBase()).isEqualTo(1)));
        dumped = run.ok() && settings.expectedDumps().stream().allMatch(dumps::containsKey);
        return tests.stream();
    }

    @Order(4)
    @TestFactory
    @Story("Restic backup")
    Stream<DynamicTest> theResticJobBacksUpTheDumpDirectoryIntoTheBackupsBucket(TestReporter reporter) {
        if (unavailable != null) {
            return skippedHere();
        }
        Assumptions.assumeTrue(dumped, "pre-backup.sh did not produce the dumps");
        String repository = settings.repository(settings.backupsBucket());
        ShellResult job;
        List<ResticSnapshot> snapshots;
        try (FactoryStage stage = FactoryStage.start(reporter, "the restic job")) {
            job = stage.step("run the shipped restic-backup.sh", () -> drill.runResticJob());
            snapshots = job.ok() ? stage.step("list the snapshots in " + repository, () -> drill.snapshots(repository))
                    : List.of();
        }
        backedUp = job.ok() && !snapshots.isEmpty();
        return Stream.of(
                dynamicTest("restic-backup.sh exits 0 (backup, then forget --prune " + String.join(" ",
                        settings.retention().resticFlags()) + ")", () -> assertThat(job.exitCode())
                        .as("exit status of %s against %s; output ends:%n%s", settings.resticScript(), repository, job.tail(10))
                        .isZero()),
                dynamicTest("the latest snapshot holds " + settings.dumpDirectory(), () -> assertThat(snapshots)
                        .as("snapshots in %s", repository).isNotEmpty().last()
                        .extracting(ResticSnapshot::paths).isEqualTo(List.of(settings.dumpDirectory()))),
                dynamicTest("the repository does not open with a wrong password", () -> {
                    var wrong = drill.resticWithWrongPassword(repository, "snapshots --no-lock");
                    assertThat(wrong.ok()).as("restic snapshots with a wrong password on %s: %s", repository, wrong.tail(2)).isFalse();
                    assertThat(wrong.output()).contains("wrong password");
                }),
                dynamicTest("bucket " + settings.backupsBucket() + " holds restic's objects only, no dump in the clear",
                        () -> assertThat(s3.list(settings.backupsBucket(), "").keySet()).as("objects in %s", settings.backupsBucket())
                                .isNotEmpty().allMatch(k -> k.equals("config") || k.matches("(data|index|keys|snapshots)/.+"))));
    }

    @Order(5)
    @TestFactory
    @Story("Wipe")
    Stream<DynamicTest> theStoresAreDestroyedAndRecreatedEmpty(TestReporter reporter) {
        if (unavailable != null) {
            return skippedHere();
        }
        Assumptions.assumeTrue(backedUp, "no backup to restore from");
        List<String> services = scope.realStores();
        try (FactoryStage stage = FactoryStage.start(reporter, "wipe the stores")) {
            wipedVolumes = stage.step("destroy " + services + " with their volumes and recreate them empty",
                    () -> DataWipe.destroyAndRecreate(drill, services));
            afterWipe = stage.step("read every store after the wipe", () -> reader.read(postgresReal, redisReal));
        }
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("the volumes of " + services + " were removed", () -> assertThat(wipedVolumes)
                .as("volumes removed in project %s", settings.composeProject()).hasSizeGreaterThanOrEqualTo(services.size())));
        if (postgresReal) {
            for (String database : settings.databases()) {
                tests.add(dynamicTest("database " + database + " exists again but holds no seeded table",
                        () -> assertThat(afterWipe.tablesOf(database).keySet()).as("tables of %s after the wipe", database)
                                .doesNotContainAnyElementsOf(SeedData.tables(database))));
            }
        }
        if (redisReal) {
            tests.add(dynamicTest("redis holds no key", () -> assertThat(afterWipe.keys()).as("redis keys after the wipe").isEmpty()));
        }
        return tests.stream();
    }

    @Order(6)
    @TestFactory
    @Story("Restore")
    Stream<DynamicTest> theLatestSnapshotRestoresEveryTableSequenceAndKey(TestReporter reporter) {
        if (unavailable != null) {
            return skippedHere();
        }
        Assumptions.assumeTrue(backedUp && !wipedVolumes.isEmpty(), "the stores were not wiped after a backup");
        RestoreProcedure restore = new RestoreProcedure(drill);
        RestoreProcedure.Outcome outcome;
        StoreFingerprint after;
        try (FactoryStage stage = FactoryStage.start(reporter, "restore the latest snapshot")) {
            var staged = stage.step("restic restore latest into a staging directory",
                    () -> restore.stage(settings.repository(settings.backupsBucket())));
            outcome = stage.step("load the dumps into the stores", () -> restore.load(staged));
            // Compared before the applications start again: whatever they write at start is theirs, not the restore's.
            after = stage.step("read every store after the restore", () -> reader.read(postgresReal, redisReal));
            stage.run("start the applications again", restore::startConsumers);
        }
        StoreFingerprint before = atDump;
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, StoreFingerprint.Table> table : before.tables().entrySet()) {
            tests.add(dynamicTest("postgresql " + table.getKey() + ": " + table.getValue().rows() + " rows and the same checksum",
                    () -> assertThat(after.tables().get(table.getKey())).as("restore mismatch: %s on %s (environment %s)",
                            table.getKey(), settings.scriptDefault("PGHOST"), target.name()).isEqualTo(table.getValue())));
        }
        for (Map.Entry<String, String> sequence : before.sequences().entrySet()) {
            tests.add(dynamicTest("postgresql sequence " + sequence.getKey() + " is back at " + sequence.getValue(),
                    () -> assertThat(after.sequences().get(sequence.getKey())).as("restore mismatch: sequence %s",
                            sequence.getKey()).isEqualTo(sequence.getValue())));
        }
        for (String type : before.redisTypes()) {
            Map<String, StoreFingerprint.Key> keys = before.keysOfType(type);
            tests.add(dynamicTest("redis: " + keys.size() + " " + type + " keys back with their values and TTLs (run down by the"
                            + " elapsed time, ±" + StoreFingerprint.TTL_TOLERANCE.toMillis() + " ms)",
                    () -> assertThat(before.keyDifferences(after, type)).as("restore mismatch: redis %s keys on %s",
                            type, settings.scriptDefault("REDIS_HOST")).isEmpty()));
        }
        if (redisReal) {
            tests.add(dynamicTest("redis runs with its own command again (appendonly as the model says)",
                    () -> assertThat(reader.redisConfig("appendonly")).as("CONFIG GET appendonly on %s",
                            settings.scriptDefault("REDIS_HOST")).isEqualTo(settings.redisAppendOnly())));
        }
        for (String consumer : restore.consumers()) {
            tests.add(dynamicTest(consumer + " runs again on the restored data", () -> assertThat(target.states().get(consumer))
                    .as("state of %s after the restore", consumer).isIn(ContainerState.HEALTHY, ContainerState.RUNNING)));
        }
        scope.realN8n().ifPresent(n8n ->
                tests.add(dynamicTest(n8n + " lists every seeded workflow again", () -> {
                    var list = drill.listN8nWorkflows(n8n);
                    assertThat(list.output()).as("n8n list:workflow in %s after the restore", n8n)
                            .contains(SeedData.n8nWorkflowIds());
                })));
        tests.add(dynamicTest("nothing else differs: no table or key is missing or extra",
                () -> assertThat(before.differences(after)).as("restore mismatch (environment %s)", target.name()).isEmpty()));
        tests.add(dynamicTest("the before/after report is written to " + RestoreReport.PATH, () -> {
            String markdown = RestoreReport.restore(target.name(), drill.runId(), before, afterWipe, after,
                    scope.skippedStores(), wipedVolumes, outcome);
            RestoreReport.write(projectRoot, RestoreReport.PATH, markdown);
            Allure.addAttachment("restore.md", "text/markdown", markdown, ".md");
            assertThat(markdown).contains("| postgresql").doesNotContain(settings.secrets().toArray(String[]::new));
        }));
        return tests.stream();
    }

    @Order(7)
    @TestFactory
    @Story("Repository check")
    Stream<DynamicTest> resticCheckReadsEveryPackOfTheRepository(TestReporter reporter) {
        if (unavailable != null) {
            return skippedHere();
        }
        Assumptions.assumeTrue(backedUp, "no repository was written");
        String repository = settings.repository(settings.backupsBucket());
        ShellResult check;
        try (FactoryStage stage = FactoryStage.start(reporter, "check the repository")) {
            check = stage.step("restic check --read-data", () -> drill.restic(repository, "check --read-data --no-cache"));
        }
        return Stream.of(dynamicTest("restic check --read-data passes on " + repository,
                () -> assertThat(check.exitCode()).as("restic check --read-data; output ends:%n%s", check.tail(8)).isZero()));
    }

    @Order(8)
    @TestFactory
    @Story("Retention")
    Stream<DynamicTest> retentionKeepsWhatTheCalendarRulesPredict(TestReporter reporter) {
        if (unavailable != null) {
            return skippedHere();
        }
        RetentionDrill.Result result;
        try (FactoryStage stage = FactoryStage.start(reporter, "replay the retention history")) {
            result = stage.step("back up " + calendar.size() + " dated snapshots (started with the drill, beside the "
                    + "other stages), then forget --prune as the job does", this::retentionResult);
        }
        Set<LocalDateTime> restic = result.keptByRestic();
        Set<LocalDateTime> expected = result.keptByExpectation();
        Map<RetentionPolicy.Rule, Long> perRule = new EnumMap<>(RetentionPolicy.Rule.class);
        for (RetentionPolicy.Rule rule : RetentionPolicy.Rule.values()) {
            perRule.put(rule, result.expected().stream().filter(d -> d.keptBy().contains(rule)).count());
        }
        int oldestKeptYear = result.tonight().time().getYear() - settings.retention().yearly() + 1;
        return Stream.of(
                dynamicTest("the replayed history spans more than two years (" + calendar.size() + " snapshots)",
                        () -> assertThat(calendar.get(0)).isBefore(lastNight.minusYears(2).atStartOfDay())),
                dynamicTest("restic kept exactly the snapshots the calendar rules predict (" + expected.size() + ")",
                        () -> assertThat(restic).as("kept by restic %s forget %s in %s; missing: %s, extra: %s",
                                result.version(), settings.retention().resticFlags(), result.repository(),
                                minus(expected, restic), minus(restic, expected)).isEqualTo(expected)),
                dynamicTest("tonight's snapshot is kept", () -> assertThat(restic).contains(result.tonight().time())),
                dynamicTest("every rule spends its whole budget (" + settings.retention().describe() + ")",
                        () -> assertThat(perRule).as("snapshots kept per rule").isEqualTo(budgets())),
                dynamicTest("every snapshot from before " + oldestKeptYear + " is forgotten, and there were some", () -> {
                    assertThat(result.before()).as("replayed snapshots before %s", oldestKeptYear)
                            .anyMatch(s -> s.time().getYear() < oldestKeptYear);
                    assertThat(restic).as("kept snapshots before %s", oldestKeptYear).noneMatch(t -> t.getYear() < oldestKeptYear);
                }),
                dynamicTest("the retention report is written to " + RestoreReport.RETENTION_PATH, () -> {
                    String markdown = RestoreReport.retention(target.name(), result);
                    RestoreReport.write(projectRoot, RestoreReport.RETENTION_PATH, markdown);
                    Allure.addAttachment("retention.md", "text/markdown", markdown, ".md");
                    assertThat(markdown).contains("| snapshot time");
                }));
    }

    private RetentionDrill.Result retentionResult() {
        try {
            return retention.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Order(9)
    @TestFactory
    @Story("Corrupted repository")
    Stream<DynamicTest> aCorruptedRepositoryFailsTheRestoreLoudlyAndLeavesLiveDataAlone(TestReporter reporter) {
        if (unavailable != null) {
            return skippedHere();
        }
        Assumptions.assumeTrue(backedUp, "no repository was written");
        String repository = settings.repository(settings.backupsBucket());
        StoreFingerprint live;
        ShellResult corrupted;
        ShellResult check;
        try (FactoryStage stage = FactoryStage.start(reporter, "corrupt the repository")) {
            live = stage.step("read every live store", () -> reader.read(postgresReal, redisReal));
            // Bit rot: the largest pack (the dumps' data) overwritten with random bytes of the same size.
            corrupted = stage.step("overwrite the largest pack with random bytes",
                    () -> faults.corruptLargestPack(settings.backupsBucket()));
            check = corrupted.ok() ? stage.step("restic check --read-data",
                    () -> drill.restic(repository, "check --read-data --no-cache")) : null;
        }
        Assumptions.assumeTrue(corrupted.ok(), "could not corrupt a pack: " + corrupted.tail(3));
        return Stream.of(
                dynamicTest("restic check --read-data reports the damaged pack " + corrupted.output().strip(),
                        () -> assertThat(check.exitCode()).as("restic check after corrupting %s", corrupted.output().strip())
                                .isNotZero()),
                dynamicTest("restoring the latest snapshot fails, naming restic's error",
                        () -> assertThatThrownBy(() -> new RestoreProcedure(drill).restoreLatest(repository))
                                .isInstanceOf(RestoreProcedure.RestoreFailed.class)
                                .hasMessageContaining("restic restore latest").hasMessageContaining("no store was touched")),
                dynamicTest("live data is untouched: every table, sequence and key as before the failed restore",
                        () -> assertThat(live.differences(reader.read(postgresReal, redisReal)))
                                .as("changes to live data after a failed restore").isEmpty()));
    }

    private Map<RetentionPolicy.Rule, Long> budgets() {
        Map<RetentionPolicy.Rule, Long> out = new EnumMap<>(RetentionPolicy.Rule.class);
        out.put(RetentionPolicy.Rule.DAILY, (long) settings.retention().daily());
        out.put(RetentionPolicy.Rule.WEEKLY, (long) settings.retention().weekly());
        out.put(RetentionPolicy.Rule.MONTHLY, (long) settings.retention().monthly());
        out.put(RetentionPolicy.Rule.YEARLY, (long) settings.retention().yearly());
        return out;
    }

    private static Set<LocalDateTime> minus(Set<LocalDateTime> a, Set<LocalDateTime> b) {
        Set<LocalDateTime> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
