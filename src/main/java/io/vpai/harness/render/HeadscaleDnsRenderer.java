package io.vpai.harness.render;

import io.vpai.harness.model.DnsRecord;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Tailnet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code dns:} section of Headscale 0.26's config.yaml: MagicDNS settings and the split-DNS
 * records ({@code extra_records}) that answer the VPN-only names with tailnet addresses. Headscale
 * reads a single config file, so this section is merged into config.yaml on Seko-VPN; it is a file
 * of its own so the records can be compared and reviewed apart from the server settings.
 */
public final class HeadscaleDnsRenderer implements Renderer {
    public static final String PATH = "seko-vpn/headscale/config/dns.yaml";
    /**
     * Upstream resolvers MagicDNS forwards everything else to. Data only: the seed does not name them,
     * and Headscale refuses {@code override_local_dns: true} without at least one.
     */
    public static final List<String> GLOBAL_NAMESERVERS = List.of("1.1.1.1", "9.9.9.9");

    @Override
    public List<RenderedFile> render(Stack stack) {
        Tailnet tailnet = stack.tailnet();
        Map<String, Object> dns = new LinkedHashMap<>();
        dns.put("magic_dns", tailnet.magicDns());
        dns.put("base_domain", tailnet.baseDomain());
        // Clients must send every query to MagicDNS, or the public zone answers the VPN-only names (seed 2.5).
        dns.put("override_local_dns", tailnet.overrideLocalDns());
        Map<String, Object> nameservers = new LinkedHashMap<>();
        nameservers.put("global", GLOBAL_NAMESERVERS);
        nameservers.put("split", Map.of());
        dns.put("nameservers", nameservers);
        dns.put("search_domains", List.of());
        dns.put("extra_records", stack.dns().tailnetRecords().stream().map(HeadscaleDnsRenderer::record).toList());
        String header = Generated.header("#", HeadscaleDnsRenderer.class)
                + "# The dns: section of Headscale's config.yaml (" + tailnet.configPath() + " on Seko-VPN).\n"
                + "# Headscale reads one file: merge this section into config.yaml, replacing its dns: section.\n";
        return List.of(RenderedFile.text(PATH, header + YamlWriter.emit(Map.of("dns", dns), Set.of())));
    }

    private static Map<String, Object> record(DnsRecord record) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", record.name());
        out.put("type", record.type());
        out.put("value", record.address());
        return out;
    }
}
