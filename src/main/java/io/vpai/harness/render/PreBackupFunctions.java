package io.vpai.harness.render;

import io.vpai.harness.model.Backup.Step;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bash function behind each step kind of pre-backup.sh. A script carries only the functions of the
 * step kinds its plan uses; a function whose password the plan requires checks it is set first.
 */
final class PreBackupFunctions {
    private PreBackupFunctions() {
    }

    /** The functions for {@code plan}'s step kinds, in a fixed order. */
    static String forPlan(PreBackupPlan plan) {
        Map<Class<? extends Step>, String> byKind = new LinkedHashMap<>();
        byKind.put(Step.PgDump.class, POSTGRES);
        byKind.put(Step.RedisSave.class, withRequire(REDIS, plan, "REDISCLI_AUTH"));
        byKind.put(Step.QdrantSnapshot.class, withRequire(QDRANT, plan, "QDRANT_API_KEY"));
        byKind.put(Step.N8nWorkflowExport.class, N8N);
        byKind.put(Step.SeedCopy.class, SEED_COPY);
        byKind.put(Step.Heartbeat.class, HEARTBEAT);
        StringBuilder out = new StringBuilder();
        byKind.forEach((kind, function) -> {
            if (plan.has(kind)) {
                out.append(function);
            }
        });
        return out.toString();
    }

    /** The function with its @REQUIRE@ line: "require NAME" when the plan says NAME is required, else nothing. */
    private static String withRequire(String function, PreBackupPlan plan, String name) {
        boolean required = plan.variables().stream().anyMatch(v -> v.name().equals(name) && v.required());
        return function.replace("    @REQUIRE@\n", required ? "    require " + name + "\n" : "");
    }

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
                # redis-cli has no connect timeout of its own; BGSAVE answers at once, so the bound is timeout(1)'s.
                reply="$(timeout "$CONNECT_TIMEOUT" redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" BGSAVE 2>&1)" || true
                case "$reply" in
                    *"Background saving started"* | *"Background saving scheduled"* | *"already in progress"*) ;;
                    *)
                        log "redis BGSAVE answered: ${reply:-nothing within ${CONNECT_TIMEOUT}s}"
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
                    curl -fsS --connect-timeout "$CONNECT_TIMEOUT" --max-time 900 -K - "$@" <<<"header = $(curl_config_value "api-key: $QDRANT_API_KEY")"
                else
                    curl -fsS --connect-timeout "$CONNECT_TIMEOUT" --max-time 900 "$@"
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
