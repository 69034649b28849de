package io.vpai.harness.probe;

import java.util.List;

/** The probe factory, in the manner of Testcontainers' {@code Wait.forHttp(...)}. */
public final class Probes {
    /**
     * A blocked path between Docker networks drops packets: this is what a negative probe costs. Local bridges
     * answer a SYN in microseconds; the positives and the positive control of the same batch run under the same
     * bound, so a prober too slow for it fails them loudly instead of passing a negative.
     */
    public static final java.time.Duration TCP_TIMEOUT = java.time.Duration.ofMillis(300);

    private Probes() {
    }

    public static TcpProbe tcp(String from, String address, int port) {
        return new TcpProbe(from, address, port, TCP_TIMEOUT);
    }

    public static DnsProbe dns(String from, String resolver, String name) {
        return new DnsProbe(from, resolver, name, 2);
    }

    public static HttpProbe http(String from, String address, int port, String host, String path) {
        return new HttpProbe(from, address, "http", port, host, path, List.of(), 5);
    }

    public static HttpProbe https(String from, String address, int port, String host, String path) {
        return new HttpProbe(from, address, "https", port, host, path, List.of(), 5);
    }
}
