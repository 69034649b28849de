package io.vpai.harness.probe;

/**
 * Can a TCP connection be opened? A refused connection (RST) counts as reached: the packet got there.
 * The answer is one of {@code open}, {@code refused}, {@code silent} (dropped: nothing answered in time, or
 * no route), or {@code error …} when the probe itself could not run — never mistaken for "unreachable".
 */
public record TcpProbe(String from, String address, int port, int timeoutSeconds) implements Probe {
    @Override
    public String describe() {
        return from + " → " + address + ":" + port;
    }

    /** nc exits 0 on connect; its -v message tells a reset from a drop; anything else is the prober's own failure. */
    @Override
    public String command() {
        return "if ! command -v nc >/dev/null; then echo 'error nc is not installed in the probe image'; "
                + "elif out=$(nc -v -z -w " + timeoutSeconds + " " + address + " " + port + " 2>&1); then echo open; "
                + "else case \"$out\" in *refused*) echo refused;; "
                + "''|*'timed out'*|*'No route'*|*nreachable*) echo silent;; "
                + "*) echo \"error nc: $(echo $out | head -c 200)\";; esac; fi";
    }
}
