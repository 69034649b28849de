package io.vpai.harness.backup;

import io.vpai.harness.engine.ShellResult;

import io.vpai.harness.stack.RunningStack;
import io.vpai.harness.stack.StackException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Data shaped like what the stack's applications keep, so a restore is tested on what matters: several
 * tables per database with foreign keys, serial and identity columns, a free-standing sequence that has
 * been advanced, JSONB, arrays, bytea, NULLs, non-ASCII text and values large enough to be TOASTed; and
 * Redis keys of every common type, with and without a TTL; where n8n is real, workflows imported through
 * its own CLI. Everything lives in schema {@value #SCHEMA}
 * so it can never collide with an application's own tables where the application is real. {@code scale}
 * multiplies the row and key counts (1 for the drill, more for the benchmark).
 */
public final class SeedData {
    public static final String SCHEMA = "vpai_drill";
    /** TTL of the volatile keys: long enough to survive backup, wipe and restore, short enough to be a real expiry. */
    static final int TTL_SECONDS = 86_400;

    private final DrillSettings settings;
    private final BackupRunner runner;
    private final RunningStack stack;

    public SeedData(BackupDrill drill) {
        this.settings = drill.settings();
        this.runner = drill.runner();
        this.stack = drill.stack();
    }

    /** Creates (or re-creates) the seed tables in one database. */
    public void seedDatabase(String database, int scale) {
        runner.require("seeding database " + database,
                "psql -X -q -v ON_ERROR_STOP=1 -h \"$PGHOST_DRILL\" -U postgres -d " + database + " <<'SQL'\n"
                        + sql(database, scale) + "\nSQL",
                env(), Duration.ofMinutes(10));
    }

    /** Adds the seed keys to Redis, server-side in one script so large scales stay fast. */
    public void seedRedis(int scale) {
        runner.require("seeding redis",
                "cat > /tmp/vpai-seed.lua <<'LUA'\n" + REDIS_SEED + "LUA\n"
                        + "redis-cli -h \"$REDIS_HOST_DRILL\" --eval /tmp/vpai-seed.lua , " + scale + " " + TTL_SECONDS,
                env(), Duration.ofMinutes(10));
    }

    /** Imports the seed workflows through n8n's own CLI, inside its container (n8n keeps them in PostgreSQL). */
    public void seedN8n(String service) {
        ShellResult result = stack.exec(service,
                "cat > /tmp/vpai-drill-workflows.json <<'JSON'\n" + n8nWorkflows() + "\nJSON\n"
                        + "n8n import:workflow --input=/tmp/vpai-drill-workflows.json && rm -f /tmp/vpai-drill-workflows.json",
                Duration.ofMinutes(5));
        if (!result.ok()) {
            throw new StackException("n8n import:workflow in " + service + " failed (exit "
                    + result.exitCode() + "): " + runner.redact(result.tail(8)));
        }
    }

    /** The ids of the seed workflows: what the export and the restored n8n must list. */
    public static List<String> n8nWorkflowIds() {
        return Stream.of(1, 2, 3).map(i -> "vpaiDrillFlow000" + i).toList();
    }

    static String n8nWorkflows() {
        StringBuilder json = new StringBuilder("[");
        int i = 0;
        for (String id : n8nWorkflowIds()) {
            i++;
            json.append(i > 1 ? "," : "").append("""
                    {"id":"%s","name":"VPAI drill workflow %d","active":false,"settings":{"executionOrder":"v1"},                    "nodes":[{"id":"%s-trigger","name":"Manual","type":"n8n-nodes-base.manualTrigger","typeVersion":1,                    "position":[0,0],"parameters":{}},{"id":"%s-noop","name":"Pass through","type":"n8n-nodes-base.noOp",                    "typeVersion":1,"position":[220,0],"parameters":{}}],                    "connections":{"Manual":{"main":[[{"node":"Pass through","type":"main","index":0}]]}},"pinData":{}}"""
                    .formatted(id, i, id, id));
        }
        return json.append("]").toString();
    }

    private Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>(settings.storeCredentials());
        env.put("PGHOST_DRILL", settings.scriptDefault("PGHOST"));
        env.put("REDIS_HOST_DRILL", settings.scriptDefault("REDIS_HOST"));
        return env;
    }

    /** The seed SQL of one database: a shared part plus tables shaped like that database's application. */
    static String sql(String database, int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1, was " + scale);
        }
        String specific = switch (database) {
            case "n8n" -> N8N;
            case "litellm" -> LITELLM;
            default -> GENERIC;
        };
        return (COMMON + specific).replace("@SCALE@", String.valueOf(scale)).replace("@SCHEMA@", SCHEMA);
    }

    /** Names of the tables the seed creates in {@code database}, schema-qualified as the fingerprint reports them. */
    public static List<String> tables(String database) {
        List<String> specific = switch (database) {
            case "n8n" -> List.of("workflow_entity", "execution_entity", "credentials_entity");
            case "litellm" -> List.of("LiteLLM_SpendLogs", "LiteLLM_VerificationToken");
            default -> List.of("documents", "events");
        };
        return Stream.concat(Stream.of("audit_log"), specific.stream()).map(t -> SCHEMA + "." + t).toList();
    }

    private static final String COMMON = """
            DROP SCHEMA IF EXISTS @SCHEMA@ CASCADE;
            CREATE SCHEMA @SCHEMA@;
            SET search_path = @SCHEMA@;
            -- A free-standing sequence, advanced so its value is not the start value: a restore must bring it back.
            CREATE SEQUENCE invoice_number_seq START 1000 INCREMENT 7;
            SELECT count(nextval('invoice_number_seq')) FROM generate_series(1, 13 * @SCALE@);
            CREATE TABLE audit_log (
                id bigserial PRIMARY KEY,
                actor text NOT NULL,
                action text NOT NULL,
                detail jsonb,
                at timestamptz NOT NULL
            );
            INSERT INTO audit_log (actor, action, detail, at)
            SELECT CASE g % 3 WHEN 0 THEN 'mobuone' WHEN 1 THEN 'système' ELSE 'n8n-bot' END,
                   (ARRAY['login', 'deploy', 'rotate-key', 'backup'])[1 + g % 4],
                   CASE WHEN g % 5 = 0 THEN NULL ELSE jsonb_build_object('n', g, 'ok', g % 2 = 0, 'note', 'é→✓ ' || g) END,
                   timestamptz '2025-01-01 00:00:00+00' + g * interval '17 minutes'
            FROM generate_series(1, 500 * @SCALE@) g;
            """;

    private static final String N8N = """
            CREATE TABLE workflow_entity (
                id serial PRIMARY KEY,
                name text NOT NULL UNIQUE,
                active boolean NOT NULL,
                nodes jsonb NOT NULL,
                settings jsonb,
                created_at timestamptz NOT NULL,
                updated_at timestamptz
            );
            INSERT INTO workflow_entity (name, active, nodes, settings, created_at, updated_at)
            SELECT 'workflow ' || g, g % 3 = 0,
                   jsonb_build_array(
                       jsonb_build_object('type', 'n8n-nodes-base.webhook', 'name', 'Webhook ' || g,
                                          'parameters', jsonb_build_object('path', 'hook-' || g)),
                       jsonb_build_object('type', 'n8n-nodes-base.httpRequest', 'name', 'Call LiteLLM',
                                          'parameters', jsonb_build_object('url', 'http://litellm:4000/v1/chat/completions',
                                                                           'retries', g % 5))),
                   CASE WHEN g % 4 = 0 THEN NULL ELSE jsonb_build_object('timezone', 'Europe/Paris') END,
                   timestamptz '2025-01-01 00:00:00+00' + g * interval '37 minutes',
                   CASE WHEN g % 2 = 0 THEN timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute' END
            FROM generate_series(1, 40 * @SCALE@) g;
            CREATE TABLE execution_entity (
                id bigserial PRIMARY KEY,
                workflow_id int NOT NULL REFERENCES workflow_entity (id),
                status text NOT NULL,
                data jsonb NOT NULL,
                started_at timestamptz NOT NULL,
                stopped_at timestamptz
            );
            INSERT INTO execution_entity (workflow_id, status, data, started_at, stopped_at)
            SELECT 1 + g % (40 * @SCALE@), (ARRAY['success', 'error', 'running'])[1 + g % 3],
                   jsonb_build_object('resultData', jsonb_build_object('runData',
                       jsonb_build_object('Webhook', repeat('payload ' || g || ' ', 1 + g % 40)))),
                   timestamptz '2026-01-01 00:00:00+00' + g * interval '90 seconds',
                   CASE WHEN g % 3 = 2 THEN NULL ELSE timestamptz '2026-01-01 00:00:05+00' + g * interval '90 seconds' END
            FROM generate_series(1, 2000 * @SCALE@) g;
            CREATE TABLE credentials_entity (
                id uuid PRIMARY KEY,
                name text NOT NULL,
                type text NOT NULL,
                data bytea NOT NULL
            );
            INSERT INTO credentials_entity (id, name, type, data)
            SELECT md5('credential ' || g)::uuid, 'credential ' || g, 'httpHeaderAuth',
                   decode(md5('secret ' || g) || md5('iv ' || g), 'hex')
            FROM generate_series(1, 25 * @SCALE@) g;
            """;

    private static final String LITELLM = """
            CREATE TABLE "LiteLLM_VerificationToken" (
                token text PRIMARY KEY,
                key_alias text,
                max_budget double precision,
                models text[] NOT NULL,
                expires timestamptz
            );
            INSERT INTO "LiteLLM_VerificationToken" (token, key_alias, max_budget, models, expires)
            SELECT md5('token ' || g), CASE WHEN g % 2 = 0 THEN 'key-' || g END, CASE WHEN g % 3 = 0 THEN NULL ELSE 5.0 END,
                   ARRAY['claude-sonnet', 'gpt-4o-mini'], timestamptz '2027-01-01 00:00:00+00' + g * interval '1 day'
            FROM generate_series(1, 30 * @SCALE@) g;
            CREATE TABLE "LiteLLM_SpendLogs" (
                request_id text PRIMARY KEY,
                api_key text NOT NULL REFERENCES "LiteLLM_VerificationToken" (token),
                model text NOT NULL,
                spend numeric(12, 6) NOT NULL,
                total_tokens integer NOT NULL,
                metadata jsonb,
                "startTime" timestamptz NOT NULL
            );
            INSERT INTO "LiteLLM_SpendLogs" (request_id, api_key, model, spend, total_tokens, metadata, "startTime")
            SELECT 'chatcmpl-' || md5('request ' || g), md5('token ' || (1 + g % (30 * @SCALE@))),
                   (ARRAY['claude-sonnet', 'gpt-4o-mini', 'openrouter/mistral'])[1 + g % 3],
                   round((g % 997) * 0.000731, 6), 100 + g % 4000,
                   jsonb_build_object('user', 'openclaw', 'tags', jsonb_build_array('vpai', g % 7)),
                   timestamptz '2026-02-01 00:00:00+00' + g * interval '13 seconds'
            FROM generate_series(1, 3000 * @SCALE@) g;
            """;

    private static final String GENERIC = """
            CREATE TABLE documents (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                title text NOT NULL,
                body text,
                tags text[],
                props jsonb,
                embedding real[]
            );
            INSERT INTO documents (title, body, tags, props, embedding)
            SELECT 'Note ' || g || ' — ünïcödé',
                   CASE WHEN g % 10 = 0 THEN NULL ELSE repeat(md5(g::text), 20 + g % 200) END,
                   ARRAY['tag' || g % 5, 'vpai'],
                   jsonb_build_object('source', 'seed', 'nested', jsonb_build_object('depth', g % 3, 'list', jsonb_build_array(1, 2, g))),
                   ARRAY[g * 0.5, g * 0.25, -g]::real[]
            FROM generate_series(1, 400 * @SCALE@) g;
            CREATE TABLE events (
                id serial PRIMARY KEY,
                document_id bigint REFERENCES documents (id),
                kind text NOT NULL,
                amount numeric,
                at timestamptz NOT NULL
            );
            INSERT INTO events (document_id, kind, amount, at)
            SELECT 1 + g % (400 * @SCALE@), (ARRAY['created', 'updated', 'shared'])[1 + g % 3],
                   CASE WHEN g % 4 = 0 THEN NULL ELSE g * 1.25 END,
                   timestamptz '2026-03-01 00:00:00+00' + g * interval '1 hour'
            FROM generate_series(1, 1500 * @SCALE@) g;
            """;

    /** KEYS none; ARGV[1] scale, ARGV[2] TTL seconds. About a third of the keys of each type expire. */
    private static final String REDIS_SEED = """
            local scale = tonumber(ARGV[1])
            local ttl = tonumber(ARGV[2])
            local n = 0
            for i = 1, 100 * scale do
              local key = 'litellm:cache:' .. i
              local value = '{"model":"claude-sonnet","response":"réponse ' .. i .. '","tokens":' .. (i % 900) .. '}'
              if i % 3 == 0 then redis.call('SET', key, value, 'EX', ttl) else redis.call('SET', key, value) end
              n = n + 1
            end
            for i = 1, 30 * scale do
              local key = 'litellm:key:' .. i
              redis.call('HSET', key, 'spend', tostring(i * 0.37), 'alias', 'key-' .. i, 'models', 'claude-sonnet,gpt-4o-mini')
              if i % 3 == 0 then redis.call('EXPIRE', key, ttl) end
              n = n + 1
            end
            for i = 1, 20 * scale do
              local key = 'n8n:queue:' .. i
              for j = 1, 5 + i % 7 do redis.call('RPUSH', key, 'job-' .. i .. '-' .. j) end
              if i % 3 == 0 then redis.call('EXPIRE', key, ttl) end
              n = n + 1
            end
            for i = 1, 20 * scale do
              local key = 'vpai:tags:' .. i
              for j = 1, 3 + i % 5 do redis.call('SADD', key, 'tag-' .. ((i * j) % 17)) end
              if i % 3 == 0 then redis.call('EXPIRE', key, ttl) end
              n = n + 1
            end
            for i = 1, 20 * scale do
              local key = 'litellm:ratelimit:' .. i
              for j = 1, 4 + i % 6 do redis.call('ZADD', key, j * 1.5 + i, 'request-' .. j) end
              if i % 3 == 0 then redis.call('EXPIRE', key, ttl) end
              n = n + 1
            end
            -- One large value, stored as a raw string rather than an embedded one.
            redis.call('SET', 'vpai:blob', string.rep('0123456789abcdef', 4096 * scale))
            return n + 1
            """;
}
