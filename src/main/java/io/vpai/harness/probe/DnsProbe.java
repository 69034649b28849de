package io.vpai.harness.probe;

/** Ask one resolver for one A record with dig; the answer line is the addresses, or "no-answer". */
public record DnsProbe(String from, String address, String name, int timeoutSeconds) implements Probe {
    @Override
    public String describe() {
        return from + " asks " + address + " for " + name;
    }

    @Override
    public String command() {
        return "out=$(dig +short +time=" + timeoutSeconds + " +tries=1 @" + address + " " + name + " A 2>&1) "
                + "&& [ -n \"$out\" ] && echo $out || echo no-answer";
    }
}
