package io.vpai.harness.baseline;

import io.vpai.harness.model.Backup;
import io.vpai.harness.model.Cidr;

import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The architecture document's facts (shared/seeds/000_d3d990adcf48ba38.txt), transcribed once, as
 * data. This is the second oracle (DESIGN.md, "Two oracles"): the model is what ships, this is what
 * the architecture says, and the gate compares the two so a model error that is re-rendered is still
 * caught. It deliberately does not read {@code VpaiStack}: a value copied from the model would agree
 * with any mistake in it. Names are the model's service and network names.
 */
public final class ArchitectureBaseline {
    /** How findings name this oracle, so a reader knows which side disagrees with the model. */
    public static final String NAME = "the architecture baseline";

    private ArchitectureBaseline() {
    }

    /** Section 3, "Service Matrix", row for row, in the document's order. */
    public static final List<MatrixRow> SERVICE_MATRIX = List.of(
            MatrixRow.of("caddy", "Caddy", List.of("frontend", "backend"), List.of(80, 443), "domain (root)"),
            MatrixRow.of("postgresql", "PostgreSQL", List.of("backend"), List.of(5432), "— (internal)"),
            MatrixRow.of("redis", "Redis", List.of("backend"), List.of(6379), "— (internal)"),
            MatrixRow.of("qdrant", "Qdrant", List.of("backend"), List.of(6333), "qdrant_subdomain"),
            MatrixRow.of("n8n", "n8n", List.of("backend", "egress"), List.of(5678), "n8n_subdomain"),
            MatrixRow.of("litellm", "LiteLLM", List.of("backend", "egress"), List.of(4000), "litellm_subdomain"),
            MatrixRow.of("openclaw", "OpenClaw", List.of("backend", "egress"), List.of(18789), "admin_subdomain"),
            MatrixRow.of("victoriametrics", "VictoriaMetrics", List.of("monitoring"), List.of(8428), "— (internal)"),
            MatrixRow.of("loki", "Loki", List.of("monitoring"), List.of(3100), "— (internal)"),
            MatrixRow.of("alloy", "Alloy", List.of("backend", "monitoring"), List.of(12345), "— (internal)"),
            MatrixRow.of("grafana", "Grafana", List.of("frontend", "monitoring"), List.of(3000), "grafana_subdomain"),
            MatrixRow.of("diun", "DIUN", List.of(), List.of(), "—"));

    /** Sections 1 and 2: the four networks, their subnets, and which are internal. */
    public static final List<BaselineNetwork> NETWORKS = List.of(
            BaselineNetwork.bridge("frontend", "172.20.1.0/24"),
            BaselineNetwork.internal("backend", "172.20.2.0/24"),
            BaselineNetwork.internal("monitoring", "172.20.3.0/24"),
            BaselineNetwork.bridge("egress", "172.20.4.0/24"));

    /** Section 1 draws "Frontend Network (172.20.1.0/24)" holding Caddy: the one network carrying published ports. */
    public static final String FRONTEND_NETWORK = "frontend";

    /** Section 1: the reverse proxy every route goes through. */
    public static final String PROXY_SERVICE = "caddy";

    /** Section 1: Caddy ":80 :443"; section 3 gives Caddy those ports. Nothing else is published. */
    public static final Set<Integer> PROXY_PUBLISHED_PORTS = Set.of(80, 443);

    /** Section 2.5: a client "NOT IN 100.64.0.0/10" gets 403 — the one range vpn_only exists to admit. */
    public static final Cidr TAILNET_RANGE = Cidr.parse("100.64.0.0/10");

    /** Section 2.5: the tailnet resolver that answers from Headscale's extra_records. */
    public static final String TAILNET_RESOLVER = "100.100.100.100";

    /** Section 0, DNS table, row for row (all of them Headscale extra_records). */
    public static final List<BaselineRecord> TAILNET_RECORDS = List.of(
            vps("javisi"), vps("tala"), vps("mayi"), vps("llm"), vps("qd"), pi("mc"), pi("oc"),
            new BaselineRecord("singa.ewutelo.cloud", "87.106.30.160", "Seko-VPN", "Public (Headscale control plane)"));

    /**
     * Section 0's names marked "VPN uniquement" that point at the VPS: the names the VPS's Caddy serves, each of
     * which section 2.5 refuses with 403 to a client outside the tailnet. The Pi's (mc, oc) are another Caddy's.
     */
    public static final Set<String> VPN_ONLY_VPS_NAMES = TAILNET_RECORDS.stream()
            .filter(r -> r.access().equals("VPN uniquement") && r.target().contains("Sese-AI"))
            .map(BaselineRecord::name).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * Section 1.5, "Flux Mission Control ↔ OpenClaw": Mission Control opens {@code wss://javisi.ewutelo.cloud}, which
     * reaches OpenClaw on the VPS across the tailnet.
     */
    public static final String MISSION_CONTROL_GATEWAY = "javisi.ewutelo.cloud";

    /** Section 0: the VPS's public address; section 2.5: what public DNS answers for its names. */
    public static final String VPS_PUBLIC_ADDRESS = "137.74.114.167";

    /**
     * Section 2.5, "without split DNS": the VPS's names answer its public IP — the five subdomains of
     * section 0 and the root domain Caddy serves (section 3, "domain (root)"); singa is public at Seko-VPN's
     * address (section 0). The Pi's names (mc, oc) have no public answer in the document.
     */
    public static final List<BaselineRecord> PUBLIC_RECORDS = List.of(
            publicVps("javisi.ewutelo.cloud"), publicVps("tala.ewutelo.cloud"), publicVps("mayi.ewutelo.cloud"),
            publicVps("llm.ewutelo.cloud"), publicVps("qd.ewutelo.cloud"), publicVps("ewutelo.cloud"),
            new BaselineRecord("singa.ewutelo.cloud", "87.106.30.160", "Seko-VPN", "Public (Headscale control plane)"));

    /** Section 7, "Startup Order", arrow for arrow. Qdrant appears there with no incoming edge; DIUN not at all. */
    public static final Set<Edge> STARTUP_EDGES = Set.of(
            new Edge("postgresql", "n8n"),
            new Edge("postgresql", "litellm"),
            new Edge("redis", "litellm"),
            new Edge("litellm", "openclaw"),
            new Edge("n8n", "caddy"),
            new Edge("litellm", "caddy"),
            new Edge("openclaw", "caddy"),
            new Edge("qdrant", "caddy"),
            new Edge("grafana", "caddy"),
            new Edge("victoriametrics", "alloy"),
            new Edge("loki", "alloy"),
            new Edge("victoriametrics", "grafana"),
            new Edge("loki", "grafana"));

    /** Section 5: "Cron (02:55)" runs pre-backup.sh. */
    public static final LocalTime PRE_BACKUP_AT = LocalTime.of(2, 55);

    /** Section 5: "Zerobyte (03:00)", the restic job. */
    public static final LocalTime RESTIC_AT = LocalTime.of(3, 0);

    /** Section 5: "Push Restic encrypted (7d/4w/6m/2y)". */
    public static final Backup.Retention RETENTION = new Backup.Retention(7, 4, 6, 2);

    /** Sections 1 and 2: the three services drawn with an egress arrow to the internet. */
    public static final Set<String> EGRESS_SERVICES = Set.of("n8n", "litellm", "openclaw");

    /** Section 1: "DIUN (Docker socket)" — the only container given the socket. */
    public static final String DOCKER_SOCKET_SERVICE = "diun";

    public static Optional<MatrixRow> matrixRow(String service) {
        return SERVICE_MATRIX.stream().filter(r -> r.service().equals(service)).findFirst();
    }

    public static Optional<BaselineNetwork> network(String name) {
        return NETWORKS.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** "the architecture baseline (Service Matrix)": the oracle and the part of the document it quotes. */
    public static String says(String section) {
        return NAME + " (" + section + ")";
    }

    private static BaselineRecord vps(String label) {
        return new BaselineRecord(label + ".ewutelo.cloud", "100.64.0.14", "VPS Sese-AI (Tailscale)", "VPN uniquement");
    }

    private static BaselineRecord pi(String label) {
        return new BaselineRecord(label + ".ewutelo.cloud", "100.64.0.1", "Workstation Pi (Tailscale)", "VPN uniquement");
    }

    private static BaselineRecord publicVps(String name) {
        return new BaselineRecord(name, VPS_PUBLIC_ADDRESS, "VPS Sese-AI (public IP)", "Public (no split DNS)");
    }
}
