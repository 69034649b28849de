package io.vpai.harness.access;

/** What happened to a request at the proxy, in the terms the ACL cares about. */
public enum Outcome {
    /** It reached the route's upstream service. */
    PROXIED,
    /** The proxy answered it itself (a {@code respond} route, or the 404 of a path no route declares). */
    ANSWERED,
    /** {@code vpn_only} refused it: 403 from the proxy. */
    FORBIDDEN,
    /** Nothing came back: no connection, no TLS handshake, or a timeout. */
    NO_ANSWER,
    /**
     * Expected only, never observed as such: a request no site matches is turned away by whatever the
     * proxy does first — 403, a redirect to HTTPS, a client error, a refused TLS handshake, the empty
     * 200 Caddy gives a request no route handles — as long as no upstream and no route's answer comes back.
     */
    TURNED_AWAY
}
