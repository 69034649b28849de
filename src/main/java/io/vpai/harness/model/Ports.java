package io.vpai.harness.model;

final class Ports {
    private Ports() {
    }

    static int check(int port) {
        if (port < 1 || port > 65535) {
            throw new ModelException("port " + port + " is not within 1..65535");
        }
        return port;
    }
}
