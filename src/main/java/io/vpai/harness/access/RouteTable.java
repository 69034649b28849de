package io.vpai.harness.access;

import io.vpai.harness.model.Access;
import io.vpai.harness.model.Route;
import io.vpai.harness.model.Stack;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which route serves a request, by the rules the rendered Caddyfile gives Caddy: within a host, a path
 * route wins ({@code /webhook/} covers everything below it, any other path only itself), then the host's
 * {@code /} route, then the fallback every site gets — VPN-only, answered 404 by the proxy. Like Caddy's
 * path matcher, it compares case-insensitively, after decoding and cleaning the path, so
 * {@code /webhook/../} and {@code /webhook/%2e%2e/} are {@code /}.
 */
public final class RouteTable {
    /** The route serving a request, and the access that applies; an empty route is the proxy's own fallback. */
    public record Served(Optional<Route> route, Access access) {
    }

    /** The status the proxy answers for a path no route declares (CaddyfileRenderer's {@code respond 404}). */
    public static final int FALLBACK_STATUS = 404;

    private final List<Route> routes;

    public RouteTable(Stack model) {
        this.routes = model.proxy().routes();
    }

    public Served serve(String host, String path) {
        String cleaned = clean(decoded(path)).toLowerCase(Locale.ROOT);
        List<Route> site = routes.stream().filter(r -> r.host().equalsIgnoreCase(host)).toList();
        Optional<Route> byPath = site.stream().filter(r -> !r.path().equals("/"))
                .filter(r -> matches(r.path().toLowerCase(Locale.ROOT), cleaned)).findFirst();
        Optional<Route> chosen = byPath.or(() -> site.stream().filter(r -> r.path().equals("/")).findFirst());
        return new Served(chosen, chosen.map(Route::access).orElse(Access.VPN_ONLY));
    }

    /** The hosts the proxy serves, in model order. */
    public List<String> hosts() {
        return routes.stream().map(Route::host).distinct().toList();
    }

    /** Whether {@code host} has a route for {@code /} of its own, or only the fallback. */
    public boolean hasRoot(String host) {
        return routes.stream().anyMatch(r -> r.host().equalsIgnoreCase(host) && r.path().equals("/"));
    }

    private static boolean matches(String routePath, String requestPath) {
        return routePath.endsWith("/") ? requestPath.startsWith(routePath) : requestPath.equals(routePath);
    }

    /** The path as Go's URL parser hands it to Caddy: percent-escapes decoded ({@code %2e} is a dot). */
    static String decoded(String path) {
        try {
            String decoded = URI.create("https://host" + path).getPath();
            return decoded == null ? path : decoded;
        } catch (IllegalArgumentException notAUriPath) {
            return path;
        }
    }

    /** Go's path.Clean, keeping a trailing slash as Caddy's path matcher does. */
    static String clean(String path) {
        Deque<String> kept = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                kept.pollLast();
            } else {
                kept.addLast(segment);
            }
        }
        String cleaned = "/" + String.join("/", kept);
        boolean trailing = path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..");
        return trailing && !cleaned.equals("/") ? cleaned + "/" : cleaned;
    }
}
