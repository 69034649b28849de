package io.vpai.harness.probe;

/** Can a TCP connection be opened? A refused connection (RST) counts as reached: the packet got there. */
public record TcpProbe(String from, String address, int port, int timeoutSeconds) implements Probe {
    @Override
    public String describe() {
        return from + " → " + address + ":" + port;
    }

    /** nc exits 0 on connect; "refused" in its message means the host answered with a reset. */
    @Override
    public String command() {
        return "if out=$(nc -z -w " + timeoutSeconds + " " + address + " " + port + " 2>&1); then echo open; "
                + "elif echo \"$out\" | grep -qi refused; then echo refused; else echo silent; fi";
    }
}
