package io.vpai.harness.environment;

/**
 * The containers the harness adds around the production stack, standing for what production gets from
 * outside. They are compose services of the override file. The mesh: Headscale (Seko-VPN's control plane,
 * running the shipped config.yaml) and three Tailscale nodes — the VPN client, the VPS host's tailscaled
 * (forwarding to Caddy), the Workstation Pi; on the internet, a public client and the public authoritative DNS.
 * The backup chain adds three: Hetzner Object Storage (S3Proxy, a real S3 server), Uptime Kuma (a stand-in
 * that records push requests) and the host that runs the backup cron.
 */
public enum Fixture {
    HEADSCALE("fixture-headscale"),
    /** The VPS host's tailscaled: node {@code sese}, which forwards 80/443 to Caddy as the host's Docker does. */
    VPS_NODE("fixture-vps-node"),
    WORKSTATION_NODE("fixture-workstation-node"),
    /** A VPN client that is a real node ({@code ewutelo}); MagicDNS answers it at 100.100.100.100. */
    VPN_CLIENT("fixture-vpn-client"),
    PUBLIC_RESOLVER("fixture-dns-public"),
    INTERNET_CLIENT("fixture-internet-client"),
    /** Hetzner Object Storage: S3Proxy with real S3 signatures, on the internet fixture (Hetzner is on the internet). */
    S3("fixture-s3"),
    /** Uptime Kuma on Seko-VPN: a stand-in recording {@code /api/push/} requests, on the internet fixture. */
    UPTIME_KUMA("fixture-uptime-kuma"),
    /**
     * The VPS host running the backup cron (and, in tests, the restic job): restic, pg_dump, redis-cli and
     * curl. Production's host owns every bridge's gateway and reaches containers by address; a container
     * must join the stores' network (backend) to do the same, plus the internet (S3, Kuma).
     */
    BACKUP_RUNNER("fixture-backup-runner"),
    /**
     * Anthropic and OpenRouter, for a real LiteLLM: the LLM provider fixture (llm-provider image), which answers
     * deterministically and counts the calls, on the internet fixture.
     */
    LLM_PROVIDER("fixture-llm-provider");

    /** The fixture network's name in the override file. */
    public static final String INTERNET = "internet";

    private final String service;

    Fixture(String service) {
        this.service = service;
    }

    public String service() {
        return service;
    }

    /** The LLM provider fixture's address: a fixed host of the internet fixture (198.51.100.50 offline). */
    public static String llmProviderAddress(Fixtures fixtures) {
        return Placement.place(fixtures.internet(), Fixtures.INTERNET, 50, "LLM provider");
    }

    /** The fixtures that are Tailscale nodes: the only ones that may aim at a tailnet address. */
    public static java.util.Set<String> meshNodes() {
        return java.util.Set.of(VPS_NODE.service, WORKSTATION_NODE.service, VPN_CLIENT.service);
    }

    /**
     * Where the backup fixtures sit: fixed host numbers inside the environment's internet fixture
     * (198.51.100.30 to .32 in the offline environment), so scripts address them without a lookup and every
     * environment gets addresses inside a network the harness created.
     */
    public record BackupPlacement(String s3, String uptimeKuma, String runnerInternet) {
        public static final int S3_PORT = 8080;
        public static final int UPTIME_KUMA_PORT = 3001;
        /** Compose variables the S3 fixture's credentials come from: random per run (TestSecrets), never in a file. */
        public static final String S3_ACCESS_KEY_VARIABLE = "FIXTURE_S3_ACCESS_KEY";
        public static final String S3_SECRET_KEY_VARIABLE = "FIXTURE_S3_SECRET_KEY";
        static final int S3_HOST = 30;
        static final int RUNNER_HOST = 31;
        static final int UPTIME_KUMA_HOST = 32;

        public static BackupPlacement of(Fixtures fixtures) {
            return new BackupPlacement(
                    Placement.place(fixtures.internet(), Fixtures.INTERNET, S3_HOST, "S3"),
                    Placement.place(fixtures.internet(), Fixtures.INTERNET, UPTIME_KUMA_HOST, "Uptime Kuma"),
                    Placement.place(fixtures.internet(), Fixtures.INTERNET, RUNNER_HOST, "backup runner"));
        }

        public String s3Endpoint() {
            return "http://" + s3 + ":" + S3_PORT;
        }

        public String uptimeKumaBase() {
            return "http://" + uptimeKuma + ":" + UPTIME_KUMA_PORT;
        }
    }
}
