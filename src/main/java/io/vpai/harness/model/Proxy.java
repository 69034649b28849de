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

    public Proxy withAllowList(List<Cidr> value) {
        return new Proxy(service, value, routes);
    }

    public Proxy withRoutes(List<Route> value) {
        return new Proxy(service, vpnOnlyAllowList, value);
    }
}
