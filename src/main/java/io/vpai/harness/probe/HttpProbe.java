package io.vpai.harness.probe;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An HTTP(S) request with curl, to an address with an explicit Host (and SNI, via --resolve) so the
 * request goes where the probe says whatever DNS would answer. The answer line is the status code,
 * or 000 when nothing answered.
 */
public record HttpProbe(String from, String address, String scheme, int port, String host, String path,
                        List<String> headers, int timeoutSeconds) implements Probe {
    public HttpProbe {
        headers = List.copyOf(headers);
    }

    @Override
    public String describe() {
        return from + " → " + scheme + "://" + host + path + " at " + address + ":" + port;
    }

    @Override
    public String command() {
        String extra = headers.stream().map(h -> " -H '" + h.replace("'", "") + "'").collect(Collectors.joining());
        return "curl -sk -o /dev/null -w '%{http_code}' --max-time " + timeoutSeconds
                + " --resolve " + host + ":" + port + ":" + address + extra
                + " " + scheme + "://" + host + ":" + port + path + " || true; echo";
    }

    public HttpProbe withHeaders(List<String> value) {
        return new HttpProbe(from, address, scheme, port, host, path, value, timeoutSeconds);
    }
}
