package io.vpai.harness.model;

import java.util.List;

/**
 * The Caddy front door: which service it is, the {@code vpn_only} allow-list exactly as the seed
 * declares it, and the routes. TLS is chosen by the environment, not here.
 */
public record Proxy(String service, List<Cidr> vpnOnlyAllowList, List<Route> routes) {
    public Proxy {
        Names.require("proxy service", service);
        vpnOnlyAllowList = List.copyOf(vpnOnlyAllowList);
        routes = List.copyOf(routes);
    }

    /** The host whose root route proxies to {@code service}: the name users reach it by. */
    public String hostOf(String service) {
        return routes.stream().filter(r -> r.service().filter(service::equals).isPresent() && r.path().equals("/"))
                .map(Route::host).findFirst()
                .orElseThrow(() -> new ModelException("the proxy routes no host to " + service));
    }

    public Proxy withAllowList(List<Cidr> value) {
        return new Proxy(service, value, routes);
    }

    public Proxy withRoutes(List<Route> value) {
        return new Proxy(service, vpnOnlyAllowList, value);
    }
}
