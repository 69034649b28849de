package io.vpai.harness.render;

import io.vpai.harness.model.DnsRecord;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Tailnet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Headscale 0.26's whole config.yaml, as Seko-VPN runs it: the control plane behind singa's TLS front,
 * the embedded DERP relay as the only one (no outside DERP map, no update check, no log upload: nothing
 * of the mesh talks to anyone but Headscale and its nodes), sequential addresses in the tailnet prefix,
 * and the MagicDNS section whose {@code extra_records} answer the VPN-only names with tailnet addresses.
 * Environments differ only through Headscale's {@code HEADSCALE_*} variables; this file runs as shipped.
 */
public final class HeadscaleConfigRenderer implements Renderer {
    public static final String PATH = "seko-vpn/headscale/config/config.yaml";
    /** Where Headscale keeps its state: the compose file's {@code headscale_data} volume. */
    static final String STATE = "/var/lib/headscale";

    @Override
    public List<RenderedFile> render(Stack stack) {
        Tailnet tailnet = stack.tailnet();
        Tailnet.ControlServer server = tailnet.server();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("server_url", tailnet.controlUrl());
        root.put("listen_addr", "0.0.0.0:" + server.listenPort());
        // Metrics and the remote gRPC API stay on the container's loopback: the CLI uses the unix socket.
        root.put("metrics_listen_addr", "127.0.0.1:9090");
        root.put("grpc_listen_addr", "127.0.0.1:50443");
        root.put("grpc_allow_insecure", false);
        root.put("noise", Map.of("private_key_path", STATE + "/noise_private.key"));
        Map<String, Object> prefixes = new LinkedHashMap<>();
        prefixes.put("v4", tailnet.prefix().toString());
        prefixes.put("allocation", "sequential");
        root.put("prefixes", prefixes);
        root.put("derp", derp(server));
        root.put("disable_check_updates", true);
        root.put("ephemeral_node_inactivity_timeout", "30m");
        Map<String, Object> sqlite = new LinkedHashMap<>();
        sqlite.put("path", STATE + "/db.sqlite");
        sqlite.put("write_ahead_log", true);
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("type", "sqlite");
        database.put("sqlite", sqlite);
        root.put("database", database);
        // TLS ends in front of Headscale on Seko-VPN; a test environment sets HEADSCALE_TLS_* instead.
        root.put("tls_cert_path", "");
        root.put("tls_key_path", "");
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("format", "text");
        log.put("level", "info");
        root.put("log", log);
        root.put("dns", dns(stack));
        root.put("unix_socket", "/var/run/headscale/headscale.sock");
        root.put("unix_socket_permission", "0770");
        root.put("logtail", Map.of("enabled", false));
        root.put("randomize_client_port", false);
        String header = Generated.header("#", HeadscaleConfigRenderer.class)
                + "# Headscale's config.yaml (" + tailnet.configPath() + " on Seko-VPN), mounted read-only.\n";
        return List.of(RenderedFile.text(PATH, header + YamlWriter.emit(root, Set.of())));
    }

    private static Map<String, Object> derp(Tailnet.ControlServer server) {
        Map<String, Object> embedded = new LinkedHashMap<>();
        embedded.put("enabled", true);
        embedded.put("region_id", server.derpRegionId());
        embedded.put("region_code", server.derpRegionCode());
        embedded.put("region_name", "Seko-VPN embedded DERP");
        embedded.put("stun_listen_addr", "0.0.0.0:" + server.stunPort());
        embedded.put("private_key_path", STATE + "/derp_server_private.key");
        embedded.put("automatically_add_embedded_derp_region", true);
        Map<String, Object> derp = new LinkedHashMap<>();
        derp.put("server", embedded);
        // No outside DERP map: relays are Headscale's own, so no node ever dials Tailscale's servers.
        derp.put("urls", List.of());
        derp.put("paths", List.of());
        derp.put("auto_update_enabled", false);
        derp.put("update_frequency", "24h");
        return derp;
    }

    private static Map<String, Object> dns(Stack stack) {
        Tailnet tailnet = stack.tailnet();
        Map<String, Object> dns = new LinkedHashMap<>();
        dns.put("magic_dns", tailnet.magicDns());
        dns.put("base_domain", tailnet.baseDomain());
        // Clients must send every query to MagicDNS, or the public zone answers the VPN-only names (seed 2.5).
        dns.put("override_local_dns", tailnet.overrideLocalDns());
        Map<String, Object> nameservers = new LinkedHashMap<>();
        nameservers.put("global", tailnet.server().upstreamNameservers());
        nameservers.put("split", Map.of());
        dns.put("nameservers", nameservers);
        dns.put("search_domains", List.of());
        dns.put("extra_records", stack.dns().tailnetRecords().stream().map(HeadscaleConfigRenderer::record).toList());
        return dns;
    }

    private static Map<String, Object> record(DnsRecord record) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", record.name());
        out.put("type", record.type());
        out.put("value", record.address());
        return out;
    }
}
