#!/usr/bin/env bash
# Generated from the model — do not edit (BackupScriptRenderer).
# Regenerate with: mvn -q compile exec:java -Dexec.args=render
#
# Nightly pre-backup (cron: 55 2 * * *). Steps, in order:
#   1. [postgresql] pg_dump n8n -> n8n.sql
#   2. [postgresql] pg_dump litellm -> litellm.sql
#   3. [postgresql] pg_dump vpai -> vpai.sql
#   4. [redis] redis-cli BGSAVE + RDB copy -> redis.rdb
#   5. [qdrant] qdrant snapshot -> qdrant.snapshot
#   6. [n8n] n8n export:workflow -> n8n-workflows.json
#   7. [seed-copy] copy latest seed-data to vpai-shared
#   8. [heartbeat] heartbeat to Uptime Kuma
#
# Every endpoint comes from the environment; unset or empty means production's default below.
# A dump is written to a temporary file and moved over the previous one only when complete. The
# first step that fails stops the script with a non-zero status: no later step runs, so the
# heartbeat is only sent when everything before it succeeded. SKIP_STEPS="key ..." skips steps on
# purpose (a stand-in in a test environment); each skip is logged, and an unknown key is an error.
set -euo pipefail
# ERR traps fire inside functions too, so the failing step is named in the log.
set -o errtrace

# where the dumps are written (the directory restic backs up)
BACKUP_DIR="${BACKUP_DIR:-/opt/vpai/backups}"
# space-separated step keys to skip, each logged (keys: postgresql redis qdrant n8n seed-copy heartbeat)
SKIP_STEPS="${SKIP_STEPS:-}"
# seconds a store may take to answer a connection before its step fails (a stopped container's address can swallow connection attempts for minutes)
CONNECT_TIMEOUT="${CONNECT_TIMEOUT:-10}"
# PostgreSQL host: the model's address of postgresql, reachable from the VPS host
PGHOST="${PGHOST:-172.20.2.20}"
# PostgreSQL port
PGPORT="${PGPORT:-5432}"
# PostgreSQL user
PGUSER="${PGUSER:-postgres}"
# PostgreSQL password (required)
PGPASSWORD="${PGPASSWORD:-${POSTGRES_PASSWORD:-}}"
# Redis host: the model's address of redis, reachable from the VPS host
REDIS_HOST="${REDIS_HOST:-172.20.2.21}"
# Redis port
REDIS_PORT="${REDIS_PORT:-6379}"
# Redis password, read by redis-cli (required)
REDISCLI_AUTH="${REDISCLI_AUTH:-${REDIS_PASSWORD:-}}"
# Qdrant base URL: the model's address of qdrant, reachable from the VPS host
QDRANT_URL="${QDRANT_URL:-http://172.20.2.22:6333}"
# Qdrant API key, sent as the api-key header (required)
QDRANT_API_KEY="${QDRANT_API_KEY:-}"
# container to run the export in (default: the running container labelled com.docker.compose.service=n8n)
N8N_CONTAINER="${N8N_CONTAINER:-}"
# narrows that lookup to one Compose project
COMPOSE_PROJECT="${COMPOSE_PROJECT:-}"
# replaces docker exec: a command that prints the workflows as JSON on stdout
N8N_EXPORT_CMD="${N8N_EXPORT_CMD:-}"
# S3 endpoint URL for the seed copy, e.g. https://host[:port] (required)
S3_ENDPOINT="${S3_ENDPOINT:-}"
# S3 region the requests are signed for (SigV4) (required)
S3_REGION="${S3_REGION:-}"
# bucket receiving seed-data/
SHARED_BUCKET="${SHARED_BUCKET:-vpai-shared}"
# S3 access key id (required)
AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-}"
# S3 secret access key (required)
AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-}"
# Uptime Kuma push URL (holds its token) (required)
UPTIME_KUMA_PUSH_URL="${UPTIME_KUMA_PUSH_URL:-}"
export PGHOST PGPORT PGUSER PGPASSWORD
export PGCONNECT_TIMEOUT="$CONNECT_TIMEOUT"
if [[ -n "$REDISCLI_AUTH" ]]; then export REDISCLI_AUTH; else unset REDISCLI_AUTH; fi

KNOWN_STEPS=(postgresql redis qdrant n8n seed-copy heartbeat)

PRODUCED=()
SKIPPED=()
TMP_FILES=()
CURRENT_STEP="setup"
read -r -a SKIP_KEYS <<<"$SKIP_STEPS"

log() { printf '%s pre-backup: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }
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
    local text="${1//\\/\\\\}"
    printf '"%s"' "${text//\"/\\\"}"
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

# dump_postgres DB: plain SQL with DROP ... IF EXISTS, restorable with psql -f into an existing database.
dump_postgres() {
    require PGPASSWORD
    new_tmp "$1.sql"
    pg_dump --no-password --clean --if-exists --dbname="$1" --file="$TMP"
    publish "$TMP" "$1.sql"
}

# save_redis: BGSAVE keeps the server's own RDB fresh; --rdb then streams a consistent copy over the network.
save_redis() {
    require REDISCLI_AUTH
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
    require QDRANT_API_KEY
    local created name
    created="$(qdrant_curl -X POST "$QDRANT_URL/snapshots")"
    name="$(printf '%s' "$created" | sed -n 's/.*"name" *: *"\([^"]*\)".*/\1/p')"
    if [[ -z "$name" ]]; then
        log "qdrant: no snapshot name in the answer: $created"
        return 1
    fi
    new_tmp qdrant.snapshot
    qdrant_curl -o "$TMP" "$QDRANT_URL/snapshots/$name"
    qdrant_curl -X DELETE -o /dev/null "$QDRANT_URL/snapshots/$name"
    publish "$TMP" qdrant.snapshot
}

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
            if [[ -z "$found" || "$found" == *$'\n'* ]]; then
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
                printf '%s\n' "$exported" >&2
                log "n8n: export:workflow failed"
                return 1
            fi
        fi
        printf '%s\n' "$exported" >&2
        if docker exec "$container" test -f "$inside"; then
            docker exec "$container" cat "$inside" >"$TMP"
            docker exec "$container" rm -f "$inside"
        else
            log "n8n: no workflow to export"
            printf '[]\n' >"$TMP"
        fi
    fi
    [[ -s "$TMP" ]] || { log "n8n: the export is empty"; return 1; }
    publish "$TMP" "$1-workflows.json"
}

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
        curl -fsS --max-time 900 -o /dev/null -K - --aws-sigv4 "aws:amz:$S3_REGION:s3" \
            -H "x-amz-content-sha256: ${digest%% *}" \
            --upload-file "$BACKUP_DIR/$name" "${S3_ENDPOINT%/}/$SHARED_BUCKET/seed-data/$name" \
            <<<"user = $(curl_config_value "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY")"
        log "copied $name to $SHARED_BUCKET/seed-data/"
    done
}

# heartbeat VARIABLE: GET the push URL held in VARIABLE (it carries a token: passed on stdin).
heartbeat() {
    require "$1"
    curl -fsS --max-time 30 -o /dev/null -K - <<<"url = $(curl_config_value "${!1}")"
}

check_skip_steps
mkdir -p -- "$BACKUP_DIR"
log "start: 8 steps, dumps in $BACKUP_DIR"
run_step postgresql 'pg_dump n8n' dump_postgres n8n
run_step postgresql 'pg_dump litellm' dump_postgres litellm
run_step postgresql 'pg_dump vpai' dump_postgres vpai
run_step redis 'redis-cli BGSAVE + RDB copy' save_redis
run_step qdrant 'qdrant snapshot' snapshot_qdrant
run_step n8n 'n8n export:workflow' export_n8n n8n
run_step seed-copy 'copy latest seed-data to vpai-shared' copy_seed
run_step heartbeat 'heartbeat to Uptime Kuma' heartbeat UPTIME_KUMA_PUSH_URL
log "done: ${#PRODUCED[@]} files written, ${#SKIPPED[@]} steps skipped${SKIPPED[*]:+ (${SKIPPED[*]})}"
