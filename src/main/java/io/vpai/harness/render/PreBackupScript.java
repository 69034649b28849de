package io.vpai.harness.render;

import io.vpai.harness.model.Backup.Step;

import java.util.List;

/** The text of pre-backup.sh for a {@link PreBackupPlan}: fixed helpers, one function per step kind used, then the steps. */
final class PreBackupScript {
    private PreBackupScript() {
    }

    static String text(PreBackupPlan plan) {
        StringBuilder out = new StringBuilder("#!/usr/bin/env bash\n")
                .append(Generated.header("#", BackupScriptRenderer.class))
                .append("#\n")
                .append("# Nightly pre-backup (cron: ").append(plan.preBackup().schedule()).append("). Steps, in order:\n");
        int n = 1;
        for (PreBackupPlan.Planned step : plan.steps()) {
            out.append("#   ").append(n++).append(". [").append(step.key()).append("] ").append(step.description())
                    .append(step.file().map(f -> " -> " + f).orElse("")).append('\n');
        }
        out.append("""
                #
                # Every endpoint comes from the environment; unset or empty means production's default below.
                # A dump is written to a temporary file and moved over the previous one only when complete. The
                # first step that fails stops the script with a non-zero status: no later step runs, so the
                # heartbeat is only sent when everything before it succeeded. SKIP_STEPS="key ..." skips steps on
                # purpose (a stand-in in a test environment); each skip is logged, and an unknown key is an error.
                set -euo pipefail
                # ERR traps fire inside functions too, so the failing step is named in the log.
                set -o errtrace

                """);
        for (ScriptVariable variable : plan.variables()) {
            out.append("# ").append(variable.description())
                    .append(variable.required() ? " (required)" : "").append('\n')
                    .append(variable.assignment()).append('\n');
        }
        out.append(exports(plan));
        out.append("\nKNOWN_STEPS=(").append(String.join(" ", PreBackupPlan.keysInOrder(plan.preBackup().steps()))).append(")\n");
        out.append(HELPERS);
        if (plan.has(Step.PgDump.class)) {
            out.append(POSTGRES);
        }
        if (plan.has(Step.RedisSave.class)) {
            out.append(REDIS.replace("    @REQUIRE@\n", requireLine(plan, "REDISCLI_AUTH")));
        }
        if (plan.has(Step.QdrantSnapshot.class)) {
            out.append(QDRANT.replace("    @REQUIRE@\n", requireLine(plan, "QDRANT_API_KEY")));
        }
        if (plan.has(Step.N8nWorkflowExport.class)) {
            out.append(N8N);
        }
        if (plan.has(Step.SeedCopy.class)) {
            out.append(SEED_COPY);
        }
        if (plan.has(Step.Heartbeat.class)) {
            out.append(HEARTBEAT);
        }
        out.append("""

                check_skip_steps
                mkdir -p -- "$BACKUP_DIR"
                """);
        out.append("log \"start: ").append(plan.steps().size()).append(" steps, dumps in $BACKUP_DIR\"\n");
        for (PreBackupPlan.Planned step : plan.steps()) {
            out.append("run_step ").append(step.key()).append(' ').append(shellQuoted(step.description())).append(' ')
                    .append(step.call()).append('\n');
        }
        out.append("""
                log "done: ${#PRODUCED[@]} files written, ${#SKIPPED[@]} steps skipped${SKIPPED[*]:+ (${SKIPPED[*]})}"
                """);
        return out.toString();
    }

    /** libpq and redis-cli read these from the environment, which keeps passwords off command lines. */
    private static String exports(PreBackupPlan plan) {
        StringBuilder out = new StringBuilder();
        List<String> names = plan.variables().stream().map(ScriptVariable::name)
                .filter(List.of("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD")::contains)
                .toList();
        if (!names.isEmpty()) {
            out.append("export ").append(String.join(" ", names)).append('\n');
        }
        if (plan.variables().stream().anyMatch(v -> v.name().equals("REDISCLI_AUTH"))) {
            // An empty REDISCLI_AUTH would make redis-cli send AUTH "" to a server without a password.
            out.append("if [[ -n \"$REDISCLI_AUTH\" ]]; then export REDISCLI_AUTH; else unset REDISCLI_AUTH; fi\n");
        }
        return out.toString();
    }

    /** "    require NAME" when the plan says NAME is required, else nothing. */
    private static String requireLine(PreBackupPlan plan, String name) {
        return plan.variables().stream().anyMatch(v -> v.name().equals(name) && v.required())
                ? "    require " + name + "\n" : "";
    }

    /** Single-quoted for bash, whatever the text holds. */
    static String shellQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static final String HELPERS = """

            PRODUCED=()
            SKIPPED=()
            TMP_FILES=()
            CURRENT_STEP="setup"
            read -r -a SKIP_KEYS <<<"$SKIP_STEPS"

            log() { printf '%s pre-backup: %s\\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }
            trap 'log "FAILED: $CURRENT_STEP (status $?)"' ERR
            # Unfinished temporary files go, whatever happened; finished dumps were already moved into place.
            cleanup() { local f; for f in "${TMP_FILES[@]}"; do rm -f -- "$f"; done; }
            trap cleanup EXIT

            require() {
                if [[ -z "${!1:-}" ]]; then
                    log "$1 is not set: $CURRENT_STEP needs it"
                    return 1
                fi
            }

            check_skip_steps() {
                local key known
                for key in "${SKIP_KEYS[@]}"; do
                    for known in "${KNOWN_STEPS[@]}"; do
                        [[ "$key" == "$known" ]] && continue 2
                    done
                    log "SKIP_STEPS: unknown step '$key' (known: ${KNOWN_STEPS[*]})"
                    return 2
                done
            }

            skipped() {
                local key
                for key in "${SKIP_KEYS[@]}"; do
                    [[ "$key" == "$1" ]] && return 0
                done
                return 1
            }

            # new_tmp NAME: a temporary file beside the final one (same filesystem, so mv replaces it atomically).
            new_tmp() {
                TMP="$(mktemp "$BACKUP_DIR/.$1.XXXXXX")"
                TMP_FILES+=("$TMP")
            }

            # publish TMP NAME: the finished dump replaces the previous one.
            publish() {
                mv -f -- "$1" "$BACKUP_DIR/$2"
                PRODUCED+=("$2")
                log "wrote $BACKUP_DIR/$2 ($(wc -c <"$BACKUP_DIR/$2") bytes)"
            }

            # curl_config_value TEXT: TEXT quoted for a curl config file read with -K -, so secrets stay off argv.
            curl_config_value() {
                local text="${1//\\\\/\\\\\\\\}"
                printf '"%s"' "${text//\\"/\\\\\\"}"
            }

            # run_step KEY DESCRIPTION COMMAND...: runs the step unless SKIP_STEPS names KEY.
            run_step() {
                local key="$1" description="$2"
                shift 2
                if skipped "$key"; then
                    log "SKIPPED: $description (SKIP_STEPS has $key)"
                    SKIPPED+=("$key")
                    return 0
                fi
                CURRENT_STEP="$description"
                log "start: $description"
                "$@"
                log "ok: $description"
                CURRENT_STEP="between steps"
            }
            """;

    private static final String POSTGRES = """

            # dump_postgres DB: plain SQL with DROP ... IF EXISTS, restorable with psql -f into an existing database.
            dump_postgres() {
                require PGPASSWORD
                new_tmp "$1.sql"
                pg_dump --no-password --clean --if-exists --dbname="$1" --file="$TMP"
                publish "$TMP" "$1.sql"
            }
            """;

    private static final String REDIS = """

            # save_redis: BGSAVE keeps the server's own RDB fresh; --rdb then streams a consistent copy over the network.
            save_redis() {
                @REQUIRE@
                local reply
                # The answer is judged by its text: redis-cli's exit status on an error reply varies by version.
                reply="$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" BGSAVE 2>&1)" || true
                case "$reply" in
                    *"Background saving started"* | *"Background saving scheduled"* | *"already in progress"*) ;;
                    *)
                        log "redis BGSAVE answered: $reply"
                        return 1
                        ;;
                esac
                new_tmp redis.rdb
                redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" --rdb "$TMP" >&2
                [[ -s "$TMP" ]] || { log "redis: the RDB copy is empty"; return 1; }
                publish "$TMP" redis.rdb
            }
            """;

    private static final String QDRANT = """

            # qdrant_curl ARGS...: curl with the api-key header passed on stdin, not on the command line.
            qdrant_curl() {
                if [[ -n "$QDRANT_API_KEY" ]]; then
                    curl -fsS --max-time 900 -K - "$@" <<<"header = $(curl_config_value "api-key: $QDRANT_API_KEY")"
                else
                    curl -fsS --max-time 900 "$@"
                fi
            }

            # snapshot_qdrant: a full storage snapshot, downloaded, then deleted on the server.
            snapshot_qdrant() {
                @REQUIRE@
                local created name
                created="$(qdrant_curl -X POST "$QDRANT_URL/snapshots")"
                name="$(printf '%s' "$created" | sed -n 's/.*"name" *: *"\\([^"]*\\)".*/\\1/p')"
                if [[ -z "$name" ]]; then
                    log "qdrant: no snapshot name in the answer: $created"
                    return 1
                fi
                new_tmp qdrant.snapshot
                qdrant_curl -o "$TMP" "$QDRANT_URL/snapshots/$name"
                qdrant_curl -X DELETE -o /dev/null "$QDRANT_URL/snapshots/$name"
                publish "$TMP" qdrant.snapshot
            }
            """;

    private static final String N8N = """

            # export_n8n SERVICE: n8n export:workflow inside the n8n container (or N8N_EXPORT_CMD), as one JSON file.
            export_n8n() {
                local container="$N8N_CONTAINER" inside=/tmp/vpai-n8n-workflows.json
                new_tmp "$1-workflows.json"
                if [[ -n "$N8N_EXPORT_CMD" ]]; then
                    bash -c "$N8N_EXPORT_CMD" >"$TMP"
                else
                    if [[ -z "$container" ]]; then
                        local filters=(--filter "label=com.docker.compose.service=$1" --filter status=running)
                        [[ -n "$COMPOSE_PROJECT" ]] && filters+=(--filter "label=com.docker.compose.project=$COMPOSE_PROJECT")
                        local found
                        found="$(docker ps --quiet "${filters[@]}")"
                        if [[ -z "$found" || "$found" == *$'\\n'* ]]; then
                            log "n8n: expected one running container labelled com.docker.compose.service=$1, found: ${found:-none} (set N8N_CONTAINER or COMPOSE_PROJECT)"
                            return 1
                        fi
                        container="$found"
                    fi
                    # A file left by an earlier run must not pass for tonight's export.
                    docker exec "$container" rm -f "$inside"
                    # n8n exits 1 with "No workflows found" on an instance without workflows: that is an
                    # empty export, not a failure (a freshly deployed stack must still back up).
                    local exported
                    if ! exported="$(docker exec "$container" n8n export:workflow --all --output="$inside" 2>&1)"; then
                        if [[ "$exported" != *"No workflows found"* ]]; then
                            printf '%s\\n' "$exported" >&2
                            log "n8n: export:workflow failed"
                            return 1
                        fi
                    fi
                    printf '%s\\n' "$exported" >&2
                    if docker exec "$container" test -f "$inside"; then
                        docker exec "$container" cat "$inside" >"$TMP"
                        docker exec "$container" rm -f "$inside"
                    else
                        log "n8n: no workflow to export"
                        printf '[]\\n' >"$TMP"
                    fi
                fi
                [[ -s "$TMP" ]] || { log "n8n: the export is empty"; return 1; }
                publish "$TMP" "$1-workflows.json"
            }
            """;

    private static final String SEED_COPY = """

            # copy_seed: this run's dumps, as raw files, to s3://SHARED_BUCKET/seed-data/ (the preprod mirror's seed).
            copy_seed() {
                require S3_ENDPOINT
                require S3_REGION
                require AWS_ACCESS_KEY_ID
                require AWS_SECRET_ACCESS_KEY
                if (( ${#PRODUCED[@]} == 0 )); then
                    log "seed copy: no dump was written by this run"
                    return 1
                fi
                local name digest
                for name in "${PRODUCED[@]}"; do
                    # S3 wants the payload's SHA-256 with SigV4, and curl (7.88) does not send it by itself.
                    digest="$(sha256sum "$BACKUP_DIR/$name")"
                    curl -fsS --max-time 900 -o /dev/null -K - --aws-sigv4 "aws:amz:$S3_REGION:s3" \\
                        -H "x-amz-content-sha256: ${digest%% *}" \\
                        --upload-file "$BACKUP_DIR/$name" "${S3_ENDPOINT%/}/$SHARED_BUCKET/seed-data/$name" \\
                        <<<"user = $(curl_config_value "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY")"
                    log "copied $name to $SHARED_BUCKET/seed-data/"
                done
            }
            """;

    private static final String HEARTBEAT = """

            # heartbeat VARIABLE: GET the push URL held in VARIABLE (it carries a token: passed on stdin).
            heartbeat() {
                require "$1"
                curl -fsS --max-time 30 -o /dev/null -K - <<<"url = $(curl_config_value "${!1}")"
            }
            """;
}
