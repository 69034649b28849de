package io.vpai.harness.access;

import io.vpai.harness.gate.VpnOnlyAllowListRule;
import io.vpai.harness.model.Access;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Ipv4;
import io.vpai.harness.model.Route;
import io.vpai.harness.model.Stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which request gets what, derived from the model alone: its routes, its {@code vpn_only} allow-list
 * and its networks. Nothing here knows an address or a host name the model does not give.
 *
 * <p>A case's <em>intended</em> answer is the seed's rule: a VPN-only route answers VPN clients, a
 * public route answers anyone. Its <em>predicted</em> answer is what the allow-list makes of the source
 * address the proxy sees. When the two differ the case is reported under a check of its own
 * ({@link #BRIDGE_SUBNET_ADMITTED} for the userland-proxy path) so a waiver can name it.
 */
public final class AccessExpectations {
    /** A request answered as its route's access says. */
    public static final String ROUTE_ACCESS = "acl.route-access";
    /** A forged header, a Host/SNI mismatch, an odd request line or path must not get past vpn_only. */
    public static final String BYPASS = "acl.vpn-only-bypass";
    /**
     * A non-VPN source admitted because an allow-list entry covers a Docker network: the seed's choice,
     * waived. The gate's allow-list check, seen live; its findings are about the admitting entry.
     */
    public static final String BRIDGE_SUBNET_ADMITTED = VpnOnlyAllowListRule.ID;
    /** A non-VPN source admitted by an allow-list entry that covers no Docker network. */
    public static final String NON_VPN_ADMITTED = "acl.allow-list-admits-non-vpn";
    /** A VPN client refused because the allow-list does not cover its address. */
    public static final String VPN_CLIENT_DENIED = "acl.vpn-client-denied";
    /** The path component a request to a prefix route adds: {@code /webhook/} is asked as {@code /webhook/vpai-probe}. */
    public static final String PROBE_SEGMENT = "vpai-probe";

    private final Stack model;
    private final RouteTable table;

    public AccessExpectations(Stack model) {
        this.model = model;
        this.table = new RouteTable(model);
    }

    /**
     * Every route of the model, plus the paths beside them no route declares — a host's {@code /}
     * where only a path of it is routed, and the near misses of each path route ({@code /webhook}
     * beside {@code /webhook/}) — each sent through each ingress.
     */
    public List<AccessCase> routeMatrix(List<Ingress> ingresses) {
        List<AccessCase> cases = new ArrayList<>();
        for (Ingress ingress : ingresses) {
            for (Request request : routeRequests()) {
                cases.add(plain(request, ingress));
            }
        }
        return cases;
    }

    /** The requests of {@link #routeMatrix}: one per route, then the unrouted neighbours, in model order. */
    public List<Request> routeRequests() {
        List<Request> requests = new ArrayList<>();
        for (Route route : model.proxy().routes()) {
            requests.add(Request.https(route.host(), requestPath(route)));
        }
        for (String host : table.hosts()) {
            if (!table.hasRoot(host)) {
                requests.add(Request.https(host, "/"));
            }
        }
        for (Route route : model.proxy().routes()) {
            if (!route.path().equals("/")) {
                requests.add(Request.https(route.host(), nearMiss(route.path())));
            }
        }
        return requests;
    }

    /** One request through one ingress, with the answer the model gives it. */
    public AccessCase plain(Request request, Ingress ingress) {
        String host = request.host().orElseThrow(() -> new IllegalArgumentException("a routed request names a host"));
        return decide(host + request.path(), request, ingress, table.serve(host, request.path()), ROUTE_ACCESS);
    }

    /**
     * Attempts to pass vpn_only from {@code outsider} while posing as {@code vpnClient}, against every
     * VPN-only route; each must be answered exactly as the plain request from the outsider is.
     */
    public List<AccessCase> bypassAttempts(Ingress outsider, Ingress vpnClient) {
        List<AccessCase> cases = new ArrayList<>();
        Ipv4 spoofed = vpnClient.clientAddress();
        Optional<String> publicHost = model.proxy().routes().stream()
                .filter(r -> r.access() == Access.PUBLIC).map(Route::host).findFirst();
        for (Route route : model.proxy().routes()) {
            if (route.access() != Access.VPN_ONLY) {
                continue;
            }
            Request plain = Request.https(route.host(), requestPath(route));
            RouteTable.Served served = table.serve(route.host(), plain.path());
            String target = route.host() + plain.path();
            for (String header : List.of("X-Forwarded-For: " + spoofed, "X-Real-IP: " + spoofed,
                    "Forwarded: for=" + spoofed)) {
                cases.add(decide(target, plain.withVariant("with " + header, List.of("-H", header)), outsider, served, BYPASS));
            }
            if (publicHost.isPresent() && !publicHost.get().equalsIgnoreCase(route.host())) {
                Request sniPublic = new Request("https", 443, publicHost, plain.path(), List.of(), Optional.empty());
                cases.add(decide(target, sniPublic.withVariant("with SNI " + publicHost.get() + " and Host " + route.host(),
                        List.of("-H", "Host: " + route.host())), outsider, served, BYPASS));
                cases.add(decide(target, sniPublic.withVariant("as absolute-form request line through " + publicHost.get(),
                        List.of("--request-target", "https://" + route.host() + plain.path())), outsider, served, BYPASS));
            }
        }
        for (Route route : model.proxy().routes()) {
            if (route.access() == Access.PUBLIC && !route.path().equals("/")) {
                String base = route.path().endsWith("/") ? route.path() : route.path() + "/";
                for (String dots : List.of("..", "%2e%2e")) {
                    String escape = base + dots + "/";
                    Request traversal = new Request("https", 443, Optional.of(route.host()), escape, List.of(), Optional.empty())
                            .withVariant("escaping " + route.path() + " with " + dots, List.of("--path-as-is"));
                    cases.add(decide(route.host() + escape, traversal, outsider, table.serve(route.host(), escape), BYPASS));
                }
            }
        }
        return cases;
    }

    /**
     * Requests that name no host, so no site matches: HTTP/1.0 without Host on plain HTTP and on HTTPS
     * (with the SNI of a VPN-only host, and with no SNI at all), and HTTP/1.1 with an empty Host. None
     * may reach an upstream or get a route's answer. {@code --no-alpn} because Caddy refuses TLS
     * clients that offer ALPN {@code http/1.0}: without it the request never gets past the handshake.
     */
    public List<AccessCase> hostlessRequests(Ingress outsider) {
        List<AccessCase> cases = new ArrayList<>();
        List<String> http10 = List.of("-0", "-H", "Host:");
        List<String> http10Tls = List.of("-0", "--no-alpn", "-H", "Host:");
        Request bare = new Request("http", 80, Optional.empty(), "/", List.of(), Optional.empty());
        cases.add(hostless(bare.withVariant("over HTTP/1.0 without Host on port 80", http10), outsider));
        cases.add(hostless(bare.withScheme("https", 443).withVariant("over HTTP/1.0 without Host or SNI on port 443",
                http10Tls), outsider));
        model.proxy().routes().stream().filter(r -> r.access() == Access.VPN_ONLY).findFirst().ifPresent(route -> {
            Request named = Request.https(route.host(), "/");
            cases.add(hostless(named.withVariant("over HTTP/1.0 with SNI " + route.host() + " but no Host", http10Tls),
                    outsider));
            cases.add(hostless(named.withVariant("over HTTP/1.1 with SNI " + route.host() + " and an empty Host",
                    List.of("--http1.1", "-H", "Host:")), outsider));
        });
        return cases;
    }

    private AccessCase hostless(Request request, Ingress outsider) {
        // No Host, no site: nothing may answer but the proxy turning the request away.
        Expectation away = Expectation.turnedAway();
        return new AccessCase(request.target(outsider.connectAddress()), request, outsider, Optional.empty(), away,
                away, BYPASS, Optional.empty());
    }

    private AccessCase decide(String target, Request request, Ingress ingress, RouteTable.Served served, String agreedCheck) {
        Expectation answer = served.route().map(AccessExpectations::answerOf)
                .orElse(Expectation.answered(RouteTable.FALLBACK_STATUS, Optional.empty()));
        boolean open = served.access() == Access.PUBLIC;
        Expectation intended = open || ingress.fromTailnet() ? answer : Expectation.forbidden();
        Expectation predicted = open || admitted(ingress.sourceAtProxy()) ? answer : Expectation.forbidden();
        String check = intended.equals(predicted) ? agreedCheck : deviation(ingress, predicted);
        Optional<Cidr> admittedBy = check.equals(agreedCheck) || !predicted.admitted() ? Optional.empty()
                : model.proxy().vpnOnlyAllowList().stream().filter(e -> e.contains(ingress.sourceAtProxy())).findFirst();
        return new AccessCase(target, request, ingress, served.route(), intended, predicted, check, admittedBy);
    }

    private String deviation(Ingress ingress, Expectation predicted) {
        if (!predicted.admitted()) {
            return VPN_CLIENT_DENIED;
        }
        boolean coversDockerNetwork = model.proxy().vpnOnlyAllowList().stream()
                .filter(entry -> entry.contains(ingress.sourceAtProxy()))
                .anyMatch(entry -> model.networks().stream().anyMatch(n -> entry.overlaps(n.subnet())));
        return coversDockerNetwork ? BRIDGE_SUBNET_ADMITTED : NON_VPN_ADMITTED;
    }

    /** Whether vpn_only lets a request from {@code source} through. */
    public boolean admitted(Ipv4 source) {
        return model.proxy().vpnOnlyAllowList().stream().anyMatch((Cidr c) -> c.contains(source));
    }

    private static Expectation answerOf(Route route) {
        return route.service().map(Expectation::proxied)
                .orElseGet(() -> Expectation.answered(200, route.respond()));
    }

    /** The path a request to a route asks: the route's own, one segment deeper for a prefix ({@code /webhook/vpai-probe}). */
    public static String requestPath(Route route) {
        if (route.path().equals("/") || !route.path().endsWith("/")) {
            return route.path();
        }
        return route.path() + PROBE_SEGMENT;
    }

    /** A path beside a route that the route does not cover: {@code /webhook} for {@code /webhook/}, {@code /health/vpai-probe} for {@code /health}. */
    public static String nearMiss(String routePath) {
        return routePath.endsWith("/") ? routePath.substring(0, routePath.length() - 1) : routePath + "/" + PROBE_SEGMENT;
    }
}
