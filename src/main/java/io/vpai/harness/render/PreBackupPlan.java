package io.vpai.harness.render;

import io.vpai.harness.model.Backup;
import io.vpai.harness.model.Backup.Step;
import io.vpai.harness.model.ModelException;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the pre-backup script does, worked out from the model before any text is written: one
 * {@link Planned} entry per model step (same order), the file each writes into the dump directory,
 * and the variables the script reads with production defaults taken from the model (addresses,
 * ports, user, bucket).
 */
final class PreBackupPlan {
    /** A step as the script runs it: {@code key} is what SKIP_STEPS names, {@code call} the bash line. */
    record Planned(Step step, String key, String description, String call, Optional<String> file) {
    }

    private final Backup.PreBackup preBackup;
    private final List<Planned> steps = new ArrayList<>();
    private final Map<String, ScriptVariable> variables = new LinkedHashMap<>();
    /** The service each step kind talks to: one per kind, so one set of PG* / REDIS_* variables suffices. */
    private final Map<Class<?>, String> serviceOfKind = new LinkedHashMap<>();

    PreBackupPlan(Stack stack) {
        this.preBackup = stack.backup().preBackup();
        add(ScriptVariable.optional("BACKUP_DIR", "where the dumps are written (the directory restic backs up)",
                preBackup.dumpDirectory()));
        add(ScriptVariable.optional("SKIP_STEPS", "space-separated step keys to skip, each logged (keys: "
                + String.join(" ", keysInOrder(preBackup.steps())) + ")", ""));
        add(ScriptVariable.optional("CONNECT_TIMEOUT", "seconds a store may take to answer a connection before its step"
                + " fails (a stopped container's address can swallow connection attempts for minutes)", "10"));
        for (Step step : preBackup.steps()) {
            steps.add(plan(stack, step));
        }
    }

    List<Planned> steps() {
        return steps;
    }

    List<ScriptVariable> variables() {
        return List.copyOf(variables.values());
    }

    Backup.PreBackup preBackup() {
        return preBackup;
    }

    boolean has(Class<? extends Step> kind) {
        return serviceOfKind.containsKey(kind);
    }

    /** The key SKIP_STEPS uses for a step: the service it captures, or what it does when it captures none. */
    static String key(Step step) {
        if (step instanceof Step.SeedCopy) {
            return "seed-copy";
        }
        if (step instanceof Step.Heartbeat) {
            return "heartbeat";
        }
        return step.service();
    }

    static List<String> keysInOrder(List<Step> steps) {
        return steps.stream().map(PreBackupPlan::key).distinct().toList();
    }

    private Planned plan(Stack stack, Step step) {
        String key = key(step);
        if (step instanceof Step.PgDump pg) {
            Service service = serviceFor(stack, step);
            if (!serviceOfKind.containsKey(Step.PgDump.class)) {
                add(ScriptVariable.optional("PGHOST", "PostgreSQL host: the model's address of " + service.name() + ", reachable from the VPS host",
                        address(service)));
                add(ScriptVariable.optional("PGPORT", "PostgreSQL port", String.valueOf(port(service, step))));
                add(ScriptVariable.optional("PGUSER", "PostgreSQL user", literal(service, "POSTGRES_USER").orElse("postgres")));
                add(withFallback(ScriptVariable.required("PGPASSWORD", "PostgreSQL password", true), service, "POSTGRES_PASSWORD"));
            }
            remember(Step.PgDump.class, service, step);
            String database = PostgresInitRenderer.databases(stack).stream().filter(pg.database()::equals).findFirst().orElseThrow();
            return new Planned(step, key, step.describe(), "dump_postgres " + database, Optional.of(database + ".sql"));
        }
        if (step instanceof Step.RedisSave) {
            Service service = serviceFor(stack, step);
            if (!serviceOfKind.containsKey(Step.RedisSave.class)) {
                add(ScriptVariable.optional("REDIS_HOST", "Redis host: the model's address of " + service.name() + ", reachable from the VPS host",
                        address(service)));
                add(ScriptVariable.optional("REDIS_PORT", "Redis port", String.valueOf(port(service, step))));
                ScriptVariable auth = ScriptVariable.required("REDISCLI_AUTH", "Redis password, read by redis-cli", true);
                add(variable(service, "REDISCLI_AUTH").isPresent() ? withFallback(auth, service, "REDISCLI_AUTH")
                        : optionalSecret(auth));
            }
            remember(Step.RedisSave.class, service, step);
            return new Planned(step, key, step.describe() + " + RDB copy", "save_redis", Optional.of(service.name() + ".rdb"));
        }
        if (step instanceof Step.QdrantSnapshot) {
            Service service = serviceFor(stack, step);
            if (!serviceOfKind.containsKey(Step.QdrantSnapshot.class)) {
                add(ScriptVariable.optional("QDRANT_URL", "Qdrant base URL: the model's address of " + service.name() + ", reachable from the VPS host",
                        "http://" + address(service) + ":" + port(service, step)));
                ScriptVariable apiKey = ScriptVariable.required("QDRANT_API_KEY", "Qdrant API key, sent as the api-key header", true);
                add(variable(service, "QDRANT__SERVICE__API_KEY").isPresent()
                        ? withFallback(apiKey, service, "QDRANT__SERVICE__API_KEY") : optionalSecret(apiKey));
            }
            remember(Step.QdrantSnapshot.class, service, step);
            return new Planned(step, key, step.describe(), "snapshot_qdrant", Optional.of(service.name() + ".snapshot"));
        }
        if (step instanceof Step.N8nWorkflowExport) {
            Service service = serviceFor(stack, step);
            if (!serviceOfKind.containsKey(Step.N8nWorkflowExport.class)) {
                add(ScriptVariable.optional("N8N_CONTAINER", "container to run the export in (default: the running container"
                        + " labelled com.docker.compose.service=" + service.name() + ")", ""));
                add(ScriptVariable.optional("COMPOSE_PROJECT", "narrows that lookup to one Compose project", ""));
                add(ScriptVariable.optional("N8N_EXPORT_CMD", "replaces docker exec: a command that prints the workflows"
                        + " as JSON on stdout", ""));
            }
            remember(Step.N8nWorkflowExport.class, service, step);
            return new Planned(step, key, step.describe(), "export_n8n " + service.name(),
                    Optional.of(service.name() + "-workflows.json"));
        }
        if (step instanceof Step.SeedCopy copy) {
            if (!serviceOfKind.containsKey(Step.SeedCopy.class)) {
                add(ScriptVariable.required("S3_ENDPOINT", "S3 endpoint URL for the seed copy, e.g. https://host[:port]", false));
                add(ScriptVariable.required("S3_REGION", "S3 region the requests are signed for (SigV4)", false));
                add(ScriptVariable.optional("SHARED_BUCKET", "bucket receiving seed-data/", copy.bucket()));
                add(ScriptVariable.required("AWS_ACCESS_KEY_ID", "S3 access key id", true));
                add(ScriptVariable.required("AWS_SECRET_ACCESS_KEY", "S3 secret access key", true));
            }
            serviceOfKind.put(Step.SeedCopy.class, copy.bucket());
            return new Planned(step, key, step.describe(), "copy_seed", Optional.empty());
        }
        if (step instanceof Step.Heartbeat beat) {
            add(ScriptVariable.required(beat.urlVariable(), "Uptime Kuma push URL (holds its token)", true));
            serviceOfKind.put(Step.Heartbeat.class, beat.urlVariable());
            return new Planned(step, key, step.describe(), "heartbeat " + beat.urlVariable(), Optional.empty());
        }
        throw new ModelException("pre-backup step '" + step.describe() + "' has no script form");
    }

    private void add(ScriptVariable variable) {
        variables.putIfAbsent(variable.name(), variable);
    }

    private void remember(Class<?> kind, Service service, Step step) {
        String previous = serviceOfKind.putIfAbsent(kind, service.name());
        if (previous != null && !previous.equals(service.name())) {
            throw new ModelException("pre-backup step '" + step.describe() + "' targets '" + service.name()
                    + "' but an earlier step of its kind targets '" + previous + "'; the script supports one of each");
        }
    }

    private static Service serviceFor(Stack stack, Step step) {
        return stack.service(step.service()).orElseThrow(() -> new ModelException(
                "pre-backup step '" + step.describe() + "': no service named '" + step.service() + "'"));
    }

    /** The host cron runs on owns every bridge's gateway, so it reaches a container at its fixed address. */
    private static String address(Service service) {
        return service.networks().isEmpty() ? service.name() : service.networks().get(0).address();
    }

    private static int port(Service service, Step step) {
        if (service.ports().isEmpty()) {
            throw new ModelException("pre-backup step '" + step.describe() + "': service '" + service.name() + "' declares no port");
        }
        return service.ports().get(0);
    }

    private static Optional<String> literal(Service service, String key) {
        Value value = service.environment().get(key);
        return value instanceof Value.Literal literal ? Optional.of(literal.text()) : Optional.empty();
    }

    private static Optional<String> variable(Service service, String key) {
        Value value = service.environment().get(key);
        return value instanceof Value.Variable variable ? Optional.of(variable.name()) : Optional.empty();
    }

    /** PGPASSWORD falls back to the variable the service's POSTGRES_PASSWORD is set from, when there is one. */
    private static ScriptVariable withFallback(ScriptVariable variable, Service service, String environmentKey) {
        return variable(service, environmentKey).map(variable::withFallback).orElse(variable);
    }

    private static ScriptVariable optionalSecret(ScriptVariable variable) {
        return new ScriptVariable(variable.name(), variable.description(), Optional.of(""), Optional.empty(), false, true);
    }
}
