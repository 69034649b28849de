package io.vpai.harness.access;

import io.vpai.harness.probe.ProbeError;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.model.Ipv4;
import io.vpai.harness.target.NetworkGuard;
import io.vpai.harness.target.Target;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends access cases and records what came back. Requests from a fixture client run as one script in
 * that client's network namespace, all in parallel, so a batch costs about one request timeout;
 * requests from the test JVM go to loopback through {@link LoopbackHttps}, trusting the root of the proxy's CA
 * that the target offers ({@link ProxyCertificateAuthority}). Every address is checked first by the target's
 * {@link NetworkGuard}: a fixture client may aim only inside the target's probeable networks, the JVM only at
 * loopback.
 */
public final class AccessProber {
    /** Per request; a refused request is answered at once, so only a silent path costs this much. */
    public static final int TIMEOUT_SECONDS = 5;
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);
    private static final java.util.random.RandomGenerator CONTROL_PORTS = new java.security.SecureRandom();

    private AccessProber() {
    }

    /**
     * One observation per case, in the cases' order. Cases from the test JVM check the proxy's certificate against the
     * CA root the target offers ({@link ProxyCertificateAuthority}), else the one the running proxy serves as its
     * local CA (the {@code local_certs} of test environments); a certificate that does not chain is a {@link ProbeError}.
     */
    public static List<Observation> observe(Target target, List<AccessCase> cases) {
        return observeWithin(target, cases, TIMEOUT_SECONDS);
    }

    /** As {@link #observe(Target, List)}, with the client the test JVM's cases go through given by the caller. */
    public static List<Observation> observe(Target target, List<AccessCase> cases, Optional<LoopbackHttps> jvmClient) {
        return observe(target, cases, jvmClient, TIMEOUT_SECONDS);
    }

    /**
     * As {@link #observe(Target, List)}, each request bounded by {@code seconds} instead of {@link #TIMEOUT_SECONDS}:
     * for a spec that waits for silence and has its own positive control under the same bound, from the same client.
     */
    public static List<Observation> observeWithin(Target target, List<AccessCase> cases, int seconds) {
        boolean fromJvm = cases.stream().anyMatch(c -> c.ingress().fromTestJvm());
        return observe(target, cases, fromJvm ? Optional.of(jvmClient(target)) : Optional.empty(), seconds);
    }

    private static List<Observation> observe(Target target, List<AccessCase> cases, Optional<LoopbackHttps> jvmClient,
                                             int seconds) {
        NetworkGuard guard = target.guard();
        cases.forEach(c -> requireAllowed(guard, c.ingress()));
        Map<String, List<Integer>> bySource = new LinkedHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            bySource.computeIfAbsent(cases.get(i).ingress().from(), k -> new ArrayList<>()).add(i);
        }
        Observation[] seen = new Observation[cases.size()];
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(bySource.size(), 8)));
        try {
            List<Future<?>> running = new ArrayList<>();
            bySource.forEach((source, indexes) -> running.add(pool.submit(() -> {
                List<AccessCase> batch = indexes.stream().map(cases::get).toList();
                List<Observation> results = Ingress.TEST_JVM.equals(source)
                        ? batch.stream().map(c -> jvmClient.orElseThrow(() -> noJvmClient(target, batch.size()))
                        .send(c.request(), c.ingress().connectAddress(), Duration.ofSeconds(seconds))).toList()
                        : fromFixture(target, source, batch, seconds);
                for (int k = 0; k < indexes.size(); k++) {
                    seen[indexes.get(k)] = results.get(k);
                }
                return null;
            })));
            for (Future<?> future : running) {
                future.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new ProbeError("sending requests in environment '" + target.name() + "' failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeError("sending requests in environment '" + target.name() + "' was interrupted");
        } finally {
            pool.shutdownNow();
        }
        return List.of(seen);
    }

    /**
     * Requests a data flow sends from one fixture client, in parallel, observed but not judged against a route (a
     * completion, a WebSocket upgrade): the same guard, positive control and parsing as {@link #observe}.
     */
    public static List<Observation> send(Target target, Ingress ingress, List<Request> requests) {
        if (ingress.fromTestJvm()) {
            throw new IllegalArgumentException("send() is for fixture clients; " + ingress.name() + " is the test JVM");
        }
        requireAllowed(target.guard(), ingress);
        return sendFrom(target, ingress.from(), requests.stream().map(r -> new Sent(r, ingress.connectAddress(),
                r.target(ingress.connectAddress()) + " from " + ingress.name(), TIMEOUT_SECONDS)).toList());
    }

    /** One request as the script sends it: where it connects, its name for messages, and its bound. */
    private record Sent(Request request, Ipv4 connectAddress, String name, int timeoutSeconds) {
    }

    public static Observation observe(Target target, AccessCase c) {
        return observe(target, List.of(c)).get(0);
    }

    /** The safety rule: a request goes only where the harness created the network, or to loopback from the JVM. */
    public static void requireAllowed(Target target, Ingress ingress) {
        requireAllowed(target.guard(), ingress);
    }

    static void requireAllowed(NetworkGuard guard, Ingress ingress) {
        String action = "send a request to";
        String prober = "from " + ingress.from();
        if (ingress.fromTestJvm()) {
            guard.requireLoopback(ingress.connectAddress(), action, prober);
        } else {
            guard.requireReachable(ingress.from(), ingress.connectAddress(), action, prober);
        }
    }

    /** The test JVM's HTTPS client, trusting the proxy CA root the target offers, else the running proxy's own. */
    private static LoopbackHttps jvmClient(Target target) {
        ProxyCertificateAuthority ca = target.capability(ProxyCertificateAuthority.class)
                .orElseGet(() -> ProxyCertificateAuthority.fromAdminApi(target));
        return LoopbackHttps.trusting(ca.proxyRootCertificate(), target.guard());
    }

    private static ProbeError noJvmClient(Target target, int requests) {
        return new ProbeError("environment '" + target.name() + "' offers no root certificate of the proxy's CA ("
                + ProxyCertificateAuthority.class.getSimpleName() + "): the test JVM checks every certificate against "
                + "it, so its " + requests + " request(s) to loopback cannot be sent");
    }

    private static List<Observation> fromFixture(Target target, String source, List<AccessCase> batch, int seconds) {
        return sendFrom(target, source, batch.stream().map(c -> new Sent(c.request(), c.ingress().connectAddress(),
                c.name(), seconds)).toList());
    }

    private static List<Observation> sendFrom(Target target, String source, List<Sent> batch) {
        ShellResult result = target.probeFrom(source, scriptFor(batch), SCRIPT_TIMEOUT);
        String[] lines = new String[batch.size()];
        if (!result.output().lines().anyMatch(l -> l.equals("control 204"))) {
            throw new ProbeError("positive control from " + source + " on " + target.name() + " failed: curl to a "
                    + "loopback listener answering 204 did not get it (exit " + result.exitCode() + "): "
                    + result.tail(3) + "; the " + batch.size() + " requests of that batch cannot be trusted");
        }
        for (String line : result.output().split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.substring(0, space).matches("\\d+")) {
                int index = Integer.parseInt(line.substring(0, space));
                if (index < lines.length) {
                    lines[index] = line.substring(space + 1);
                }
            }
        }
        List<Observation> observations = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (lines[i] == null) {
                throw new IllegalStateException("no result from " + source + " for " + batch.get(i).name() + " (exit "
                        + result.exitCode() + "): " + result.tail(3));
            }
            observations.add(Observation.parse(lines[i]));
        }
        return observations;
    }

    /**
     * Every request in the background, each printing {@code <status>|<stand-in header>|<body start>}; then one
     * line per request, prefixed with its index. First, a positive control: a loopback listener answering 204,
     * asked by the same curl after the batch — a client whose curl cannot run or whose sidecar is broken shows
     * up as a failed control, not as a column of "no answer".
     */
    static String script(List<AccessCase> batch, int seconds) {
        return scriptFor(batch.stream().map(c -> new Sent(c.request(), c.ingress().connectAddress(), c.name(),
                seconds)).toList());
    }

    private static String scriptFor(List<Sent> batch) {
        int port = CONTROL_PORTS.nextInt(40000, 50000);
        StringBuilder out = new StringBuilder("d=$(mktemp -d)\n")
                .append("printf 'HTTP/1.0 204 No Content\\r\\n\\r\\n' > $d/control\n")
                .append("timeout 60 nc -N -l 127.0.0.1 ").append(port).append(" < $d/control >/dev/null 2>&1 &\n");
        for (int i = 0; i < batch.size(); i++) {
            Sent c = batch.get(i);
            StringBuilder curl = new StringBuilder("curl");
            for (String arg : c.request().curlArguments(c.connectAddress(), c.timeoutSeconds())) {
                curl.append(' ').append(quote(arg));
            }
            curl.append(" -o $d/b").append(i).append(" -D $d/h").append(i).append(" -w '%{http_code}'");
            out.append("( s=$(").append(curl).append(" 2>/dev/null); ")
                    .append("h=$(grep -i '^").append(Observation.STAND_IN_HEADER).append(":' $d/h").append(i)
                    .append(" 2>/dev/null | head -n1 | cut -d: -f2- | tr -d ' \\r'); ")
                    .append("f=$(grep -i '^").append(Observation.SEEN_FROM_HEADER).append(":' $d/h").append(i)
                    .append(" 2>/dev/null | head -n1 | cut -d: -f2- | tr -d ' \\r'); ")
                    .append("b=$(head -c 60 $d/b").append(i).append(" 2>/dev/null | tr -c '[:print:]' ' '); ")
                    .append("echo \"$s|$h|$f|$b\" > $d/r").append(i).append(" ) & requests=\"$requests $!\"\n");
        }
        out.append("wait $requests\n")
                .append("echo \"control $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 http://127.0.0.1:")
                .append(port).append("/ 2>/dev/null)\"\n")
                .append("for i in $(seq 0 ").append(batch.size() - 1).append("); do echo \"$i $(head -n1 $d/r$i)\"; done\n")
                .append("rm -rf $d\n");
        return out.toString();
    }

    static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
