package io.vpai.harness.probe;

import io.vpai.harness.model.Ipv4;

/**
 * Ask one resolver for one A record with dig. The answer line is the response code and the addresses
 * ({@code NOERROR 100.64.0.14}, {@code NXDOMAIN}), {@code no-answer} when the resolver did not answer in time
 * (dig exit 9), or {@code error …} when dig is missing or could not run (exit 1 on a usage error, 10 on an
 * internal one) or printed no status: read once into a {@link DnsResult}.
 */
public record DnsProbe(String from, Ipv4 address, String name, int timeoutSeconds) implements Probe {
    @Override
    public String describe() {
        return from + " asks " + address + " for " + name;
    }

    @Override
    public String command() {
        return "if ! command -v dig >/dev/null; then echo 'error dig is not installed in the probe image'; "
                + "else out=$(dig +noall +comments +answer +time=" + timeoutSeconds + " +tries=1 @" + address + " "
                + name + " A 2>&1); rc=$?; "
                + "if [ $rc -eq 1 ] || [ $rc -eq 10 ]; then echo \"error dig exit $rc: $(echo $out | head -c 200)\"; "
                + "elif [ $rc -ne 0 ]; then echo no-answer; "
                + "else status=$(printf '%s\\n' \"$out\" | sed -n 's/.*status: \\([A-Z]*\\).*/\\1/p' | head -n1); "
                + "addresses=$(printf '%s\\n' \"$out\" | awk '$4 == \"A\" { print $5 }'); "
                + "if [ -z \"$status\" ]; then echo \"error dig printed no status: $(echo $out | head -c 200)\"; "
                + "else echo $status $addresses; fi; fi; fi";
    }
}
