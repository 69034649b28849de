package io.vpai.harness.render;

import io.vpai.harness.model.Access;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.ModelException;
import io.vpai.harness.model.Route;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Caddyfile of the VPS. Each host of the model's routes is one site. Within a site, routes with
 * a path of their own become {@code handle <path>} blocks, which Caddy tries before the catch-all
 * {@code handle}, so a public path (the webhook relay, {@code /health}) is answered without the
 * {@code vpn_only} check while the rest of the same host keeps it. Whatever no route declares is
 * VPN-only and answers 404: nothing becomes public by omission.
 *
 * <p>The Caddyfile is the same in every environment, byte for byte. What differs — how certificates are
 * obtained — is the global options block of {@value #ENVIRONMENT_FILE}, which the Caddyfile imports from its
 * own folder: production's ships beside it ({@link TlsMode#DNS01_OVH}); a test environment renders its own
 * ({@link #environmentFile}) and mounts it over production's.
 */
public final class CaddyfileRenderer implements Renderer {
    public static final String FILE = "Caddyfile";
    public static final String PATH = "sese-ai/caddy/" + FILE;
    /** The imported file, relative to the Caddyfile (Caddy resolves a relative import from the importing file's folder). */
    public static final String ENVIRONMENT_FILE = "environment.caddy";
    public static final String ENVIRONMENT_PATH = "sese-ai/caddy/" + ENVIRONMENT_FILE;
    public static final String SNIPPET = "vpn_only";
    /** caddy-dns/ovh's subdirectives; each reads the container variable OVH_<NAME> at provision time. */
    static final List<String> OVH_SETTINGS = List.of("endpoint", "application_key", "application_secret", "consumer_key");

    /** The shipped pair: the Caddyfile and production's {@value #ENVIRONMENT_FILE}. */
    @Override
    public List<RenderedFile> render(Stack stack) {
        return List.of(RenderedFile.text(PATH, caddyfile(stack)),
                RenderedFile.text(ENVIRONMENT_PATH, environmentFile(stack, TlsMode.DNS01_OVH)));
    }

    /** The Caddyfile and the imported file of an environment with this TLS mode, as the proxy reads them. */
    public static CaddyFiles files(Stack stack, TlsMode tls) {
        return new CaddyFiles(caddyfile(stack), environmentFile(stack, tls));
    }

    /** What differs per environment: the global options that say how sites get their certificates. */
    public static String environmentFile(Stack stack, TlsMode tls) {
        return Generated.header("#", CaddyfileRenderer.class)
                + "# Imported by the Caddyfile beside it: how its sites get certificates (" + tls + ").\n"
                + "{\n" + globalOptions(stack, tls) + "}\n";
    }

    public static String caddyfile(Stack stack) {
        StringBuilder out = new StringBuilder(Generated.header("#", CaddyfileRenderer.class));
        out.append("# What differs per environment (how sites get certificates) is in ").append(ENVIRONMENT_FILE)
                .append(", beside this file.\n")
                .append("import ").append(ENVIRONMENT_FILE).append('\n')
                .append('\n')
                .append("# Admits the tailnet and, as the seed declares, the frontend bridge: requests that reach the\n")
                .append("# published ports through Docker's userland proxy (IPv6, host-local, HTTP/3) arrive from its gateway.\n")
                .append('(').append(SNIPPET).append(") {\n")
                .append("\t@blocked not remote_ip ").append(allowList(stack)).append('\n')
                .append("\trespond @blocked 403\n")
                .append("}\n");
        for (Map.Entry<String, List<Route>> site : sites(stack).entrySet()) {
            out.append('\n').append(site(stack, site.getKey(), site.getValue()));
        }
        return out.toString();
    }

    /** The allow-list exactly as the model declares it, space separated as {@code remote_ip} takes it. */
    static String allowList(Stack stack) {
        if (stack.proxy().vpnOnlyAllowList().isEmpty()) {
            throw new ModelException("proxy '" + stack.proxy().service() + "': the vpn_only allow-list is empty");
        }
        return stack.proxy().vpnOnlyAllowList().stream().map(Cidr::toString).collect(Collectors.joining(" "));
    }

    /** Hosts in the order the model first names them, each with its routes in model order. */
    static Map<String, List<Route>> sites(Stack stack) {
        Map<String, List<Route>> sites = new LinkedHashMap<>();
        for (Route route : stack.proxy().routes()) {
            sites.computeIfAbsent(route.host(), host -> new ArrayList<>()).add(route);
        }
        return sites;
    }

    private static String globalOptions(Stack stack, TlsMode tls) {
        return switch (tls) {
            case DNS01_OVH -> ovhDns(stack);
            // Every site from Caddy's local CA; a container has no trust store worth changing: the harness trusts
            // the CA itself.
            case INTERNAL -> "\tlocal_certs\n\tskip_install_trust\n";
        };
    }

    private static String ovhDns(Stack stack) {
        Service proxy = stack.requireService(stack.proxy().service());
        StringBuilder out = new StringBuilder("\tacme_dns ovh {\n");
        for (String setting : OVH_SETTINGS) {
            String variable = "OVH_" + setting.toUpperCase(java.util.Locale.ROOT);
            if (!proxy.environment().containsKey(variable)) {
                throw new ModelException("service '" + proxy.name() + "': DNS-01 through OVH reads " + variable
                        + " from its environment, which does not declare it");
            }
            out.append("\t\t").append(setting).append(" {env.").append(variable).append("}\n");
        }
        return out.append("\t}\n").toString();
    }

    private static String site(Stack stack, String host, List<Route> routes) {
        StringBuilder out = new StringBuilder(host).append(" {\n");
        Optional<Route> whole = routes.stream().filter(r -> r.path().equals("/")).findFirst();
        List<Route> paths = routes.stream().filter(r -> !r.path().equals("/")).toList();
        if (paths.isEmpty() && whole.isPresent()) {
            body(out, whole.get().access(), action(stack, whole.get()), "\t");
        } else {
            for (Route route : paths) {
                out.append("\thandle ").append(matcher(route.path())).append(" {\n");
                body(out, route.access(), action(stack, route), "\t\t");
                out.append("\t}\n");
            }
            out.append("\thandle {\n");
            body(out, whole.map(Route::access).orElse(Access.VPN_ONLY),
                    whole.map(r -> action(stack, r)).orElse("respond 404"), "\t\t");
            out.append("\t}\n");
        }
        return out.append("}\n").toString();
    }

    private static void body(StringBuilder out, Access access, String action, String indent) {
        if (access == Access.VPN_ONLY) {
            out.append(indent).append("import ").append(SNIPPET).append('\n');
        }
        out.append(indent).append(action).append('\n');
    }

    /** "/webhook/" covers everything below it; any other path is matched exactly. */
    static String matcher(String path) {
        return path.endsWith("/") ? path + "*" : path;
    }

    private static String action(Stack stack, Route route) {
        if (route.service().isPresent()) {
            String upstream = route.service().get();
            Service service = stack.requireService(upstream);
            if (!service.ports().contains(route.port())) {
                throw new ModelException("route " + route.id() + ": service '" + upstream + "' does not listen on " + route.port());
            }
            return "reverse_proxy " + upstream + ":" + route.port();
        }
        return "respond " + quoted(route.respond().orElseThrow()) + " 200";
    }

    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
