package io.vpai.harness.model;

/** A port bound on the host and forwarded to the container (Docker's DNAT, or its userland proxy). */
public record PublishedPort(int hostPort, int containerPort, String protocol) {
    public PublishedPort {
        Ports.check(hostPort);
        Ports.check(containerPort);
        if (!"tcp".equals(protocol) && !"udp".equals(protocol)) {
            throw new ModelException("published port " + hostPort + ": protocol '" + protocol + "' is not tcp or udp");
        }
    }

    /** {@code 80/tcp}: what must be unique on a host. */
    public String hostSide() {
        return hostPort + "/" + protocol;
    }

    public static PublishedPort tcp(int port) {
        return new PublishedPort(port, port, "tcp");
    }

    public static PublishedPort udp(int port) {
        return new PublishedPort(port, port, "udp");
    }
}
