package io.vpai.harness.render;

import io.vpai.harness.model.Access;
import io.vpai.harness.model.Dependency;
import io.vpai.harness.model.DnsRecord;
import io.vpai.harness.model.Host;
import io.vpai.harness.model.Network;
import io.vpai.harness.model.Route;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * ARCHITECTURE.md: the seed's Service Matrix, DNS table and startup graph, regenerated from the model
 * so the document can no longer drift from what ships. Same columns and marks as the seed (section 3
 * and section 0), with real host names where the seed had template variables.
 */
public final class ArchitectureDocRenderer implements Renderer {
    public static final String PATH = "ARCHITECTURE.md";
    static final String NONE = "—";

    @Override
    public List<RenderedFile> render(Stack stack) {
        StringBuilder out = new StringBuilder("# VPAI — architecture tables\n\n")
                .append("> ").append(Generated.NOTICE).append(" (").append(ArchitectureDocRenderer.class.getSimpleName())
                .append("). Regenerate with `").append(Generated.RENDER_COMMAND).append("`.\n");
        serviceMatrix(out, stack);
        dns(out, stack);
        startupOrder(out, stack);
        return List.of(RenderedFile.text(PATH, out.toString()));
    }

    private static void serviceMatrix(StringBuilder out, Stack stack) {
        out.append("\n## Service Matrix\n\n");
        out.append("An X marks membership of the network. Ports are the container ports; Subdomain is where Caddy serves it.\n\n");
        StringBuilder header = new StringBuilder("| Service |");
        StringBuilder rule = new StringBuilder("|---------|");
        for (Network network : stack.networks()) {
            String title = capitalized(network.name());
            header.append(' ').append(title).append(" |");
            rule.append(':').append("-".repeat(Math.max(3, title.length()))).append(":|");
        }
        out.append(header).append(" Ports | Subdomain |\n").append(rule).append("-------|-----------|\n");
        for (Service service : stack.services()) {
            out.append("| ").append(service.displayName()).append(" |");
            for (Network network : stack.networks()) {
                out.append(service.isOn(network.name()) ? " X |" : " |");
            }
            String ports = service.ports().isEmpty() ? NONE
                    : service.ports().stream().map(String::valueOf).collect(Collectors.joining(", "));
            out.append(' ').append(ports).append(" | ").append(subdomain(stack, service)).append(" |\n");
        }
    }

    /** Hosts whose routes reach the service; for the proxy itself, the hosts it answers on its own. */
    static String subdomain(Stack stack, Service service) {
        Set<String> hosts = new LinkedHashSet<>();
        for (Route route : stack.proxy().routes()) {
            boolean upstream = route.service().map(service.name()::equals).orElse(false);
            boolean ownAnswer = route.respond().isPresent() && stack.proxy().service().equals(service.name());
            if (upstream || ownAnswer) {
                hosts.add("`" + route.host() + "`");
            }
        }
        if (!hosts.isEmpty()) {
            return String.join(", ", hosts);
        }
        return service.ports().isEmpty() ? NONE : NONE + " (internal)";
    }

    private static void dns(StringBuilder out, Stack stack) {
        out.append("\n## DNS (`").append(stack.dns().domain()).append("`)\n\n")
                .append("What a VPN client gets: Headscale's `extra_records`, answered by MagicDNS (")
                .append(stack.tailnet().magicDnsResolver()).append(").\n\n")
                .append("| Subdomain | IP | Cible/Target | Accès/Access |\n|---|---|---|---|\n");
        for (DnsRecord record : stack.dns().tailnetRecords()) {
            out.append("| `").append(record.name()).append("` | ").append(record.address()).append(" | ")
                    .append(target(stack, record)).append(" | ").append(access(record.access())).append(" |\n");
        }
        out.append("\nWhat everyone else gets from the public zone:\n\n| Name | IP | Cible/Target |\n|---|---|---|\n");
        for (DnsRecord record : stack.dns().publicRecords()) {
            out.append("| `").append(record.name()).append("` | ").append(record.address()).append(" | ")
                    .append(target(stack, record)).append(" |\n");
        }
    }

    static String target(Stack stack, DnsRecord record) {
        String host = stack.host(record.host()).map(Host::displayName).orElse(record.host());
        return stack.tailnet().prefix().contains(record.address()) ? host + " (Tailscale)" : host;
    }

    static String access(Access access) {
        return access == Access.VPN_ONLY ? "VPN only" : "Public";
    }

    private static void startupOrder(StringBuilder out, Stack stack) {
        out.append("\n## Startup order\n\n")
                .append("`A --> B`: B starts once A is healthy (`-->|started|`: once A has started). ")
                .append("The compose file's `depends_on` says the same.\n\n")
                .append("```mermaid\ngraph TD\n");
        for (Service service : stack.services()) {
            out.append("    ").append(id(service.name())).append("[\"").append(service.displayName()).append("\"]\n");
        }
        List<String> edges = new ArrayList<>();
        for (Service service : stack.services()) {
            for (Dependency dependency : service.dependsOn()) {
                String arrow = dependency.condition() == Dependency.Condition.HEALTHY ? " --> " : " -->|started| ";
                edges.add("    " + id(dependency.service()) + arrow + id(service.name()));
            }
        }
        edges.forEach(edge -> out.append(edge).append('\n'));
        out.append("```\n");
    }

    static String id(String serviceName) {
        return serviceName.replace('-', '_');
    }

    private static String capitalized(String name) {
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }
}
