package io.vpai.harness.model;

import java.util.Optional;

/**
 * A Caddy site path: proxied to a service port, or answered by Caddy itself ({@code respond}).
 * VPN-only routes sit behind the {@code vpn_only} snippet; public ones are reachable by anyone.
 */
public record Route(String host, String path, Optional<String> service, int port, Optional<String> respond,
                    Access access) {
    public Route {
        Names.nonBlank("route host", host);
        if (path == null || !path.startsWith("/")) {
            throw new ModelException("route " + host + ": path '" + path + "' must start with /");
        }
        if (service.isPresent() == respond.isPresent()) {
            throw new ModelException("route " + host + path + ": needs exactly one of an upstream service or a fixed response");
        }
        service.ifPresent(s -> Ports.check(port));
    }

    public static Route proxy(String host, String service, int port, Access access) {
        return new Route(host, "/", Optional.of(service), port, Optional.empty(), access);
    }

    public static Route proxyPath(String host, String path, String service, int port, Access access) {
        return new Route(host, path, Optional.of(service), port, Optional.empty(), access);
    }

    public static Route respond(String host, String path, String body, Access access) {
        return new Route(host, path, Optional.empty(), 0, Optional.of(body), access);
    }

    /** A readable id, used in findings and test names: {@code llm.ewutelo.cloud/}. */
    public String id() {
        return host + path;
    }

    public Route withAccess(Access value) {
        return new Route(host, path, service, port, respond, value);
    }
}
