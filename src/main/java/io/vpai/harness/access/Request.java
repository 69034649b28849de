package io.vpai.harness.access;

import io.vpai.harness.model.Ipv4;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request as curl sends it. The URL names {@code host}, and {@code --resolve} pins that name to
 * the address the case connects to, so SNI and Host say {@code host} whatever DNS would answer. A
 * request with no host is sent to the bare address (no SNI, and a Host header only if curl adds one).
 *
 * @param options extra curl arguments, one argv token each ({@code -H}, {@code X-Forwarded-For: 100.64.0.2})
 * @param variant what makes this request special, for test names: {@code with X-Forwarded-For: 100.64.0.2}
 */
public record Request(String scheme, int port, Optional<String> host, String path, List<String> options,
                      Optional<String> variant) {
    public Request {
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("scheme '" + scheme + "' is neither http nor https");
        }
        Objects.requireNonNull(path, "path");
        host = host == null ? Optional.empty() : host;
        options = List.copyOf(options);
        variant = variant == null ? Optional.empty() : variant;
    }

    public static Request https(String host, String path) {
        return new Request("https", 443, Optional.of(host), path, List.of(), Optional.empty());
    }

    public Request withVariant(String description, List<String> curlOptions) {
        List<String> all = new ArrayList<>(options);
        all.addAll(curlOptions);
        return new Request(scheme, port, host, path, all, Optional.of(description));
    }

    public Request withScheme(String value, int valuePort) {
        return new Request(value, valuePort, host, path, options, variant);
    }

    /** {@code llm.ewutelo.cloud/}; {@code <address>/} for a request without a host name. */
    public String target(Ipv4 connectAddress) {
        return host.orElse(connectAddress.toString()) + path;
    }

    /** curl's argument vector (without the program name) for a request sent to {@code connectAddress}. */
    public List<String> curlArguments(Ipv4 connectAddress, int timeoutSeconds) {
        List<String> args = new ArrayList<>(List.of("-sk", "--max-time", String.valueOf(timeoutSeconds)));
        host.ifPresent(h -> args.addAll(List.of("--resolve", h + ":" + port + ":" + connectAddress)));
        args.addAll(options);
        args.add(scheme + "://" + host.orElse(connectAddress.toString()) + ":" + port + path);
        return args;
    }
}
