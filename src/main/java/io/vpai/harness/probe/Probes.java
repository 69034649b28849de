package io.vpai.harness.probe;

import io.vpai.harness.model.Ipv4;

import java.time.Duration;
import java.util.List;

/**
 * The probe factory, in the manner of Testcontainers' {@code Wait.forHttp(...)}. The {@code String} forms take
 * an address as the model and the environment files hold it, and parse it here (a {@code ModelException} for
 * anything but a dotted quad), so no probe ever carries a name DNS could resolve.
 */
public final class Probes {
    /**
     * A blocked path between Docker networks drops packets: this is what a negative probe costs. Local bridges
     * answer a SYN in microseconds; the positives and the positive control of the same batch run under the same
     * bound, so a prober too slow for it fails them loudly instead of passing a negative.
     */
    public static final Duration TCP_TIMEOUT = Duration.ofMillis(300);

    private Probes() {
    }

    public static TcpProbe tcp(String from, Ipv4 address, int port) {
        return new TcpProbe(from, address, port, TCP_TIMEOUT);
    }

    public static TcpProbe tcp(String from, String address, int port) {
        return tcp(from, Ipv4.parse(address), port);
    }

    public static DnsProbe dns(String from, Ipv4 resolver, String name) {
        return new DnsProbe(from, resolver, name, 2);
    }

    public static DnsProbe dns(String from, String resolver, String name) {
        return dns(from, Ipv4.parse(resolver), name);
    }

    public static HttpProbe http(String from, Ipv4 address, int port, String host, String path) {
        return new HttpProbe(from, address, "http", port, host, path, List.of(), 5);
    }

    public static HttpProbe http(String from, String address, int port, String host, String path) {
        return http(from, Ipv4.parse(address), port, host, path);
    }

    public static HttpProbe https(String from, Ipv4 address, int port, String host, String path) {
        return new HttpProbe(from, address, "https", port, host, path, List.of(), 5);
    }

    public static HttpProbe https(String from, String address, int port, String host, String path) {
        return https(from, Ipv4.parse(address), port, host, path);
    }
}
