package io.vpai.harness.model;

/** A port bound on the host and forwarded to the container (Docker's DNAT, or its userland proxy). */
public record PublishedPort(int hostPort, int containerPort, String protocol) {
    public PublishedPort {
        Ports.check(hostPort);
        Ports.check(containerPort);
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw new ModelException("published port " + hostPort + ": protocol '" + protocol + "' is not tcp or udp");
        }
    }

    public static PublishedPort tcp(int port) {
        return new PublishedPort(port, port, "tcp");
    }

    public static PublishedPort udp(int port) {
        return new PublishedPort(port, port, "udp");
    }
}
