package io.vpai.harness.model;

import io.vpai.harness.model.Backup.Bucket;
import io.vpai.harness.model.Backup.Step;
import io.vpai.harness.model.Service.DataClass;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static io.vpai.harness.model.Dependency.healthy;
import static io.vpai.harness.model.Value.literal;
import static io.vpai.harness.model.Value.secret;

/**
 * The VPAI infrastructure as described in the architecture seed (sections 0 to 7). This is the one
 * place a fact about the stack is written down; everything else asks this model. Choices the seed
 * leaves open are constants below and are listed under "Assumptions" in the README.
 */
public final class VpaiStack {
    public static final String DOMAIN = "ewutelo.cloud";

    // Assumptions (README): the seed names five VPS subdomains but maps only llm/qd/javisi to services.
    public static final String N8N_HOST = "mayi." + DOMAIN;
    public static final String GRAFANA_HOST = "tala." + DOMAIN;
    public static final String OPENCLAW_HOST = "javisi." + DOMAIN;
    public static final String LITELLM_HOST = "llm." + DOMAIN;
    public static final String QDRANT_HOST = "qd." + DOMAIN;
    /** Assumption: the three databases pg_dump captures. */
    public static final List<String> DATABASES = List.of("n8n", "litellm", "vpai");
    /**
     * Assumption: the seed gives no recovery time. After PostgreSQL or Redis restarts, every service that
     * depends on it (transitively) is healthy again, and Caddy answers without 5xx, within this bound.
     */
    public static final Duration RECOVERY_BOUND = Duration.ofSeconds(60);

    private VpaiStack() {
    }

    public static Stack model() {
        return new Stack(hosts(), tailnet(), dns(), networks(), services(), proxy(), backup(), workstation(), seko(),
                waivers());
    }

    static List<Host> hosts() {
        return List.of(
                new Host("sese-ai", "Sese-AI", "OVH VPS 8GB", "AI brain (Docker stack)",
                        Optional.of("137.74.114.167"), Optional.empty(), Optional.of("100.64.0.14"), 804, "mobuone"),
                new Host("seko-vpn", "Seko-VPN", "Ionos VPS", "Headscale VPN hub + external monitoring",
                        Optional.of("87.106.30.160"), Optional.empty(), Optional.empty(), 22, "mobuone"),
                new Host("workstation-pi", "Workstation Pi", "RPi5 16GB local", "Mission Control + dev",
                        Optional.empty(), Optional.of("192.168.1.8"), Optional.of("100.64.0.1"), 22, "mobuone"),
                new Host("ewutelo", "PC Windows", "local", "VPN client",
                        Optional.empty(), Optional.empty(), Optional.of("100.64.0.2"), 22, "mobuone"),
                // Assumption: the seed gives no address for the preprod mirror; environments/preprod.yaml does.
                new Host("preprod", "Preprod CX23", "Hetzner CX23", "VPAI mirror seeded from S3",
                        Optional.empty(), Optional.empty(), Optional.empty(), 22, "mobuone"));
    }

    static Tailnet tailnet() {
        return new Tailnet("https://singa." + DOMAIN, Image.of("headscale/headscale:0.26.0"),
                // Assumption: MagicDNS needs a base domain of its own; Headscale 0.26 refuses one that
                // contains its server URL (singa.ewutelo.cloud). extra_records still carry the real names.
                Cidr.parse("100.64.0.0/10"), "100.100.100.100", "ts." + DOMAIN, true, true,
                "/opt/services/headscale/config/config.yaml",
                // Assumptions: the seed names neither Headscale's listener (the compose file publishes 8080 behind
                // singa's TLS front), nor its DERP relay (embedded: no outside DERP map), nor MagicDNS's upstreams.
                new Tailnet.ControlServer(8080, 3478, 999, "singa", List.of("1.1.1.1", "9.9.9.9")),
                List.of(new Tailnet.Node("workstation-pi", "100.64.0.1", "workstation-pi"),
                        new Tailnet.Node("ewutelo", "100.64.0.2", "ewutelo"),
                        new Tailnet.Node("sese", "100.64.0.14", "sese-ai")));
    }

    static Dns dns() {
        String vps = "100.64.0.14";
        String pi = "100.64.0.1";
        String vpsPublic = "137.74.114.167";
        return new Dns(DOMAIN,
                List.of(vpnOnly("javisi", vps, "sese-ai"), vpnOnly("tala", vps, "sese-ai"),
                        vpnOnly("mayi", vps, "sese-ai"), vpnOnly("llm", vps, "sese-ai"),
                        vpnOnly("qd", vps, "sese-ai"), vpnOnly("mc", pi, "workstation-pi"),
                        vpnOnly("oc", pi, "workstation-pi"),
                        new DnsRecord("singa." + DOMAIN, "87.106.30.160", "seko-vpn", Access.PUBLIC)),
                // Section 2.5: without split DNS a client gets the VPS public IP. Assumption: the Pi's
                // names have no public record.
                List.of(publicRecord("javisi", vpsPublic), publicRecord("tala", vpsPublic),
                        publicRecord("mayi", vpsPublic), publicRecord("llm", vpsPublic),
                        publicRecord("qd", vpsPublic), new DnsRecord(DOMAIN, vpsPublic, "sese-ai", Access.PUBLIC),
                        new DnsRecord("singa." + DOMAIN, "87.106.30.160", "seko-vpn", Access.PUBLIC)));
    }

    private static DnsRecord vpnOnly(String label, String address, String host) {
        return new DnsRecord(label + "." + DOMAIN, address, host, Access.VPN_ONLY);
    }

    private static DnsRecord publicRecord(String label, String address) {
        return new DnsRecord(label + "." + DOMAIN, address, "sese-ai", Access.PUBLIC);
    }

    static List<Network> networks() {
        return List.of(Network.bridge("frontend", "172.20.1.0/24"), Network.internal("backend", "172.20.2.0/24"),
                Network.internal("monitoring", "172.20.3.0/24"), Network.egress("egress", "172.20.4.0/24"));
    }

    static List<Service> services() {
        return List.of(
                Service.builder("caddy", "Caddy", "caddy:2.10.2-alpine")
                        .on("frontend", "172.20.1.10").on("backend", "172.20.2.10")
                        .ports(80, 443).publishTcp(80, 443).publishUdp(443)
                        .health(HealthCheck.http(2019, "/config/"))
                        .after(healthy("n8n")).after(healthy("litellm")).after(healthy("openclaw"))
                        .after(healthy("qdrant")).after(healthy("grafana"))
                        .volume(Volume.bind("./caddy/Caddyfile", "/etc/caddy/Caddyfile", true))
                        // What differs per environment (TLS), imported by the Caddyfile from its own folder.
                        .volume(Volume.bind("./caddy/environment.caddy", "/etc/caddy/environment.caddy", true))
                        .volume(Volume.named("caddy_data", "/data"))
                        .env("OVH_ENDPOINT", literal("ovh-eu"))
                        .env("OVH_APPLICATION_KEY", secret("OVH_APPLICATION_KEY"))
                        .env("OVH_APPLICATION_SECRET", secret("OVH_APPLICATION_SECRET"))
                        .env("OVH_CONSUMER_KEY", secret("OVH_CONSUMER_KEY"))
                        .data(DataClass.REBUILDABLE).build(),
                Service.builder("postgresql", "PostgreSQL", "postgres:15.14-bookworm")
                        .on("backend", "172.20.2.20").ports(5432)
                        .health(HealthCheck.shell("pg_isready -h 127.0.0.1 -U postgres"))
                        .volume(Volume.named("postgres_data", "/var/lib/postgresql/data"))
                        .volume(Volume.bind("./postgres/init-databases.sql",
                                "/docker-entrypoint-initdb.d/init-databases.sql", true))
                        .env("POSTGRES_USER", literal("postgres"))
                        .env("POSTGRES_PASSWORD", secret("POSTGRES_PASSWORD"))
                        .data(DataClass.PERSISTENT).build(),
                Service.builder("redis", "Redis", "redis:7.0.15-bookworm")
                        .on("backend", "172.20.2.21").ports(6379)
                        .health(HealthCheck.shell("redis-cli ping | grep -q PONG"))
                        // The nightly RDB copy (pre-backup.sh, redis-cli --rdb) is a replica sync, which Redis delays
                        // 5 s (repl-diskless-sync-delay) to gather more replicas; this stack has none, so it starts at one.
                        .command("redis-server", "--requirepass", "${REDIS_PASSWORD}", "--appendonly", "yes",
                                "--dir", "/data", "--repl-diskless-sync-max-replicas", "1")
                        .volume(Volume.named("redis_data", "/data"))
                        // redis-cli reads the password from here, so the health check carries no secret.
                        .env("REDISCLI_AUTH", secret("REDIS_PASSWORD"))
                        .data(DataClass.PERSISTENT).build(),
                Service.builder("qdrant", "Qdrant", "qdrant/qdrant:v1.13.4")
                        .on("backend", "172.20.2.22").ports(6333)
                        .health(HealthCheck.tcp(6333))
                        .volume(Volume.named("qdrant_data", "/qdrant/storage"))
                        .env("QDRANT__SERVICE__API_KEY", secret("QDRANT_API_KEY"))
                        .data(DataClass.PERSISTENT).build(),
                Service.builder("n8n", "n8n", "n8nio/n8n:1.88.0")
                        .on("backend", "172.20.2.30").on("egress", "172.20.4.30").ports(5678)
                        // n8n migrates its database on first start: give it two minutes before failures count.
                        .health(HealthCheck.http(5678, "/healthz").withStartPeriod(Duration.ofMinutes(2)))
                        .after(healthy("postgresql"))
                        .volume(Volume.named("n8n_data", "/home/node/.n8n"))
                        .env("DB_TYPE", literal("postgresdb"))
                        .env("DB_POSTGRESDB_HOST", literal("postgresql"))
                        .env("DB_POSTGRESDB_DATABASE", literal("n8n"))
                        .env("DB_POSTGRESDB_USER", literal("postgres"))
                        .env("DB_POSTGRESDB_PASSWORD", secret("POSTGRES_PASSWORD"))
                        .env("N8N_ENCRYPTION_KEY", secret("N8N_ENCRYPTION_KEY"))
                        .env("WEBHOOK_URL", literal("https://" + N8N_HOST + "/"))
                        .data(DataClass.PERSISTENT).egress().build(),
                Service.builder("litellm", "LiteLLM", "ghcr.io/berriai/litellm:v1.74.3-stable")
                        .on("backend", "172.20.2.31").on("egress", "172.20.4.31").ports(4000)
                        .health(HealthCheck.http(4000, "/health/liveliness"))
                        .after(healthy("postgresql")).after(healthy("redis"))
                        // The rendered config (LiteLlmConfigRenderer), where the upstream image looks for it.
                        .volume(Volume.bind("./litellm/config.yaml", "/app/config.yaml", true))
                        .command("--config", "/app/config.yaml", "--port", "4000")
                        .env("DATABASE_URL", secret("LITELLM_DATABASE_URL"))
                        .env("REDIS_HOST", literal("redis"))
                        .env("REDIS_PORT", literal("6379"))
                        .env("REDIS_PASSWORD", secret("REDIS_PASSWORD"))
                        .env("LITELLM_MASTER_KEY", secret("LITELLM_MASTER_KEY"))
                        .env("ANTHROPIC_API_KEY", secret("ANTHROPIC_API_KEY"))
                        .env("OPENROUTER_API_KEY", secret("OPENROUTER_API_KEY"))
                        .egress().build(),
                Service.builder("openclaw", "OpenClaw", "ghcr.io/openclaw/openclaw:2026.2.19")
                        .on("backend", "172.20.2.32").on("egress", "172.20.4.32").ports(18789)
                        // Node loads OpenClaw's plugins, canvas and browser service before the gateway listens: about
                        // 10 s alone on a quiet host, 96 s amid the whole stack's start on 2 cores (measured), more
                        // under load; failures in the first three minutes do not count.
                        .health(HealthCheck.tcp(18789).withStartPeriod(Duration.ofMinutes(3)))
                        .after(healthy("litellm"))
                        .volume(Volume.named("openclaw_data", "/home/node/.openclaw"))
                        // The rendered config (OpenClawConfigRenderer), where OpenClaw looks for it.
                        .volume(Volume.bind("./openclaw/openclaw.json", "/home/node/.openclaw/openclaw.json", true))
                        .env("LITELLM_BASE_URL", literal("http://litellm:4000"))
                        .env("OPENCLAW_API_KEY", secret("OPENCLAW_API_KEY"))
                        // The gateway's own token (Mission Control, the OpenAI-style endpoint): OpenClaw refuses
                        // to bind beyond loopback without one.
                        .env("OPENCLAW_GATEWAY_TOKEN", secret("OPENCLAW_GATEWAY_TOKEN"))
                        .data(DataClass.REBUILDABLE).egress().build(),
                Service.builder("victoriametrics", "VictoriaMetrics", "victoriametrics/victoria-metrics:v1.106.1")
                        .on("monitoring", "172.20.3.20").ports(8428)
                        .health(HealthCheck.http(8428, "/health"))
                        .command("--storageDataPath=/storage", "--httpListenAddr=:8428", "--retentionPeriod=30d")
                        .volume(Volume.named("victoriametrics_data", "/storage"))
                        .data(DataClass.REBUILDABLE).build(),
                Service.builder("loki", "Loki", "grafana/loki:3.3.2")
                        .on("monitoring", "172.20.3.21").ports(3100)
                        .health(HealthCheck.http(3100, "/ready"))
                        .volume(Volume.named("loki_data", "/loki"))
                        .data(DataClass.REBUILDABLE).build(),
                Service.builder("alloy", "Grafana Alloy", "grafana/alloy:v1.5.1")
                        .on("backend", "172.20.2.40").on("monitoring", "172.20.3.40").ports(12345)
                        .health(HealthCheck.http(12345, "/-/ready"))
                        .after(healthy("victoriametrics")).after(healthy("loki"))
                        .build(),
                Service.builder("grafana", "Grafana", "grafana/grafana:11.4.0")
                        .on("frontend", "172.20.1.11").on("monitoring", "172.20.3.11").ports(3000)
                        .health(HealthCheck.http(3000, "/api/health"))
                        .after(healthy("victoriametrics")).after(healthy("loki"))
                        .volume(Volume.named("grafana_data", "/var/lib/grafana"))
                        .env("GF_SECURITY_ADMIN_PASSWORD", secret("GRAFANA_ADMIN_PASSWORD"))
                        .env("GF_SERVER_ROOT_URL", literal("https://" + GRAFANA_HOST + "/"))
                        .data(DataClass.REBUILDABLE).build(),
                Service.builder("diun", "DIUN", "crazymax/diun:4.29.0")
                        .volume(Volume.bind("/var/run/docker.sock", "/var/run/docker.sock", true))
                        .volume(Volume.named("diun_data", "/data"))
                        .env("DIUN_WATCH_SCHEDULE", literal("0 */6 * * *"))
                        .env("DIUN_PROVIDERS_DOCKER", literal("true"))
                        .data(DataClass.REBUILDABLE).build());
    }

    static Proxy proxy() {
        return new Proxy("caddy",
                List.of(Cidr.parse("100.64.0.0/10"), Cidr.parse("172.20.1.0/24")),
                List.of(Route.proxy(OPENCLAW_HOST, "openclaw", 18789, Access.VPN_ONLY),
                        Route.proxy(GRAFANA_HOST, "grafana", 3000, Access.VPN_ONLY),
                        Route.proxy(N8N_HOST, "n8n", 5678, Access.VPN_ONLY),
                        Route.proxy(LITELLM_HOST, "litellm", 4000, Access.VPN_ONLY),
                        Route.proxy(QDRANT_HOST, "qdrant", 6333, Access.VPN_ONLY),
                        // Section 1: the internet reaches :443 only for health and the webhook relay.
                        Route.respond(DOMAIN, "/health", "OK", Access.PUBLIC),
                        Route.proxyPath(N8N_HOST, "/webhook/", "n8n", 5678, Access.PUBLIC)));
    }

    /**
     * Assumption: the seed names the providers (Anthropic and OpenRouter, section 1.5; "OpenAI/Anthropic",
     * section 4) but no model. One Claude model for each use, and OpenAI's through OpenRouter, each in
     * LiteLLM 1.74.3's bundled cost map so spend, and so the budgets, can be counted.
     */
    public static List<LlmRoute> llmRoutes() {
        return List.of(new LlmRoute("claude-sonnet", LlmRoute.Provider.ANTHROPIC, "claude-sonnet-4-20250514"),
                new LlmRoute("claude-haiku", LlmRoute.Provider.ANTHROPIC, "claude-3-5-haiku-20241022"),
                new LlmRoute("gpt-4o", LlmRoute.Provider.OPENROUTER, "openai/gpt-4o"));
    }

    static Backup backup() {
        return new Backup(
                new Backup.PreBackup("55 2 * * *", "/opt/vpai/scripts/pre-backup.sh", "/opt/vpai/backups",
                        List.of(new Step.PgDump("postgresql", DATABASES.get(0)),
                                new Step.PgDump("postgresql", DATABASES.get(1)),
                                new Step.PgDump("postgresql", DATABASES.get(2)),
                                new Step.RedisSave("redis"),
                                new Step.QdrantSnapshot("qdrant"),
                                new Step.N8nWorkflowExport("n8n"),
                                new Step.SeedCopy("vpai-shared"),
                                new Step.Heartbeat("UPTIME_KUMA_PUSH_URL"))),
                new Backup.Restic("0 3 * * *", "seko-vpn", "vpai-backups", new Backup.Retention(7, 4, 6, 2)),
                List.of(new Bucket("vpai-backups", Bucket.Purpose.DISASTER_RECOVERY, "Restic encrypted chunks", false),
                        new Bucket("vpai-shared", Bucket.Purpose.SHARED_SEED, "Raw files", true)));
    }

    static Workstation workstation() {
        return new Workstation(
                List.of(new Workstation.PiService("mission-control", "Mission Control", List.of(4000),
                                Optional.of("mc." + DOMAIN), Optional.of("wss://" + OPENCLAW_HOST)),
                        // Assumption: oc.ewutelo.cloud fronts OpenCode.
                        new Workstation.PiService("opencode", "OpenCode", List.of(3456),
                                Optional.of("oc." + DOMAIN), Optional.of("https://" + LITELLM_HOST)),
                        new Workstation.PiService("caddy-workstation", "Caddy", List.of(80, 443),
                                Optional.empty(), Optional.empty())),
                List.of(new Workstation.LlmKey("OpenCode", "LITELLM_API_KEY", Optional.of(5.0)),
                        new Workstation.LlmKey("OpenClaw", "openclaw_api_key", Optional.of(5.0)),
                        new Workstation.LlmKey("n8n", "litellm_master_key", Optional.of(5.0)),
                        new Workstation.LlmKey("Claude Code CLI", "OAuth Max Plan", Optional.empty())));
    }

    static List<Stack.SekoService> seko() {
        return List.of(
                new Stack.SekoService("headscale", Image.of("headscale/headscale:0.26.0"), List.of("serve"), List.of(8080, 3478),
                        // The control plane behind singa's TLS front, and the embedded DERP relay's STUN.
                        List.of(new PublishedPort(8080, 8080, "tcp"), new PublishedPort(3478, 3478, "udp")),
                        List.of(Volume.bind("./headscale/config", "/etc/headscale", true),
                                Volume.named("headscale_data", "/var/lib/headscale")),
                        "Headscale control plane behind singa." + DOMAIN),
                new Stack.SekoService("zerobyte", Image.of("ghcr.io/nicotsx/zerobyte:v0.9.0"), List.of(), List.of(4096),
                        List.of(), List.of(Volume.named("zerobyte_data", "/var/lib/zerobyte")),
                        "restic backups at 03:00, pulls /opt/vpai/backups over the VPN"),
                new Stack.SekoService("uptime-kuma", Image.of("louislam/uptime-kuma:1.23.16"), List.of(), List.of(3001),
                        List.of(), List.of(Volume.named("uptime_kuma_data", "/app/data")),
                        "monitors the VPS over the VPN, receives the backup heartbeat"));
    }

    static List<Waiver> waivers() {
        LocalDate review = LocalDate.of(2027, 6, 30);
        String hostReachable = "Docker gives every bridge, internal ones included, a host-side address; nothing on "
                + "the VPS host listens on those addresses except published ports";
        return List.of(new Waiver("acl.vpn-only-allow-list", "172.20.1.0/24",
                        "The seed's vpn_only admits 172.20.1.0/24 so VPN clients reaching Caddy through Docker's "
                                + "userland proxy (HTTP/3, IPv6) keep working; it also admits any path through that proxy.",
                        Optional.of(review)),
                // One waiver per internal network's host address: the accepted fact is per bridge.
                new Waiver("isolation.host-reachable-from-internal", "172.20.2.1",
                        hostReachable + " (backend's host address).", Optional.of(review)),
                new Waiver("isolation.host-reachable-from-internal", "172.20.3.1",
                        hostReachable + " (monitoring's host address).", Optional.of(review)));
    }
}
