package io.vpai.harness.probe;

/**
 * Ask one resolver for one A record with dig; the answer line is the addresses, {@code no-answer}, or
 * {@code error …} when dig is missing or could not run (it exits 1 on a usage error, 10 on an internal one).
 */
public record DnsProbe(String from, String address, String name, int timeoutSeconds) implements Probe {
    @Override
    public String describe() {
        return from + " asks " + address + " for " + name;
    }

    @Override
    public String command() {
        return "if ! command -v dig >/dev/null; then echo 'error dig is not installed in the probe image'; "
                + "else out=$(dig +short +time=" + timeoutSeconds + " +tries=1 @" + address + " " + name + " A 2>&1); "
                + "rc=$?; if [ $rc -eq 1 ] || [ $rc -eq 10 ]; then echo \"error dig exit $rc: $(echo $out | head -c 200)\"; "
                + "elif [ $rc -eq 0 ] && [ -n \"$out\" ]; then echo $out; else echo no-answer; fi; fi";
    }
}
