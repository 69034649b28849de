package io.vpai.harness.gate;

import io.vpai.harness.model.Backup;

import java.util.List;
import java.util.Set;

/**
 * What the architecture seed (seeds/000_d3d990adcf48ba38.txt) states outright and the gate holds the
 * model to. The model is the source of truth for everything that ships; this class is the other
 * side of the comparison, so that a change to the model that contradicts the seed is caught rather
 * than silently rendered. Names are the model's service and network names.
 */
public final class SeedBaseline {
    private SeedBaseline() {
    }

    /** A startup edge: {@code dependent} starts after {@code dependency} (the seed's arrows point this way). */
    public record Edge(String dependency, String dependent) {
        @Override
        public String toString() {
            return dependency + " -> " + dependent;
        }
    }

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

    /**
     * Section 1 draws "Frontend Network (172.20.1.0/24)" holding Caddy, and section 2 labels it a
     * bridge: the one network that carries the proxy's published ports. It cannot be derived from the
     * model alone — Caddy sits on frontend and backend alike — so it is named here.
     */
    public static final String FRONTEND_NETWORK = "frontend";

    /** Section 1: Caddy ":80 :443", and the internet reaches ":443 HTTPS" only. */
    public static final Set<Integer> PROXY_PUBLISHED_PORTS = Set.of(80, 443);

    /** Sections 1 and 2: the three services drawn with an egress arrow to the internet. */
    public static final Set<String> EGRESS_SERVICES = Set.of("n8n", "litellm", "openclaw");

    /** Section 1: "DIUN (Docker socket)" — the only container given the socket. */
    public static final String DOCKER_SOCKET_SERVICE = "diun";

    /** The socket's host paths; /run is where /var/run points on current distributions. */
    public static final List<String> DOCKER_SOCKET_PATHS = List.of("/var/run/docker.sock", "/run/docker.sock");

    /** Section 5: "Push Restic encrypted (7d/4w/6m/2y)". */
    public static final Backup.Retention RETENTION = new Backup.Retention(7, 4, 6, 2);
}
