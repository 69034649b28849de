package io.vpai.harness.isolation;

import java.util.List;

/**
 * The source addresses a host listener saw connect. The internet sentinel is a host address, which a
 * container on an internal network reaches too (Docker gives it a default route to the host), so the
 * sentinel alone cannot tell egress from none: the address a connection came from says which bridge it
 * left through, and Docker forwards nothing outside from an internal one.
 */
public interface Arrivals {
    Arrivals NONE = (address, port) -> List.of();

    List<String> peers(String address, int port);
}
