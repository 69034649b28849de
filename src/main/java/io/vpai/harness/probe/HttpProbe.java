package io.vpai.harness.probe;

import io.vpai.harness.model.Ipv4;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An HTTP(S) request with curl, to an address with an explicit Host (and SNI, via --resolve) so the
 * request goes where the probe says whatever DNS would answer. The answer line is the status code,
 * or 000 when nothing answered.
 */
public record HttpProbe(String from, Ipv4 address, String scheme, int port, String host, String path,
                        List<String> headers, int timeoutSeconds) implements Probe {
    public HttpProbe {
        headers = List.copyOf(headers);
    }

    @Override
    public String describe() {
        return from + " → " + scheme + "://" + host + path + " at " + address + ":" + port;
    }

    /**
     * curl prints 000 when nothing answered (refused, dropped, reset, TLS failure): that is an observation.
     * A missing curl or a request curl could not even form (exit 2, 3, 4, 27, 43) is the prober's failure.
     */
    @Override
    public String command() {
        String extra = headers.stream().map(h -> " -H '" + h.replace("'", "") + "'").collect(Collectors.joining());
        return "if ! command -v curl >/dev/null; then echo 'error curl is not installed in the probe image'; "
                + "else code=$(curl -sk -o /dev/null -w '%{http_code}' --max-time " + timeoutSeconds
                + " --resolve " + host + ":" + port + ":" + address + extra
                + " " + scheme + "://" + host + ":" + port + path + "); rc=$?; "
                + "case $rc in 2|3|4|27|43) echo \"error curl exit $rc\";; *) echo \"$code\";; esac; fi";
    }

    public HttpProbe withHeaders(List<String> value) {
        return new HttpProbe(from, address, scheme, port, host, path, value, timeoutSeconds);
    }
}
