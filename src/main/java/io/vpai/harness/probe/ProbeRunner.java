package io.vpai.harness.probe;

import io.vpai.harness.engine.NamespaceProber;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.target.NetworkGuard;
import io.vpai.harness.target.Target;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs probes in bulk, so a matrix of negatives costs about one timeout, not one per probe: TCP probes of every
 * source in one command where the target offers a {@link NamespaceProber}, otherwise one script per source
 * namespace (its sidecar), the sources in parallel. Every batch carries a positive control. Every address is
 * checked by the target's {@link NetworkGuard} before anything runs (the safety rule). Each answer line is read
 * once, here, into its probe kind's {@link ProbeResult}.
 */
public final class ProbeRunner {
    private ProbeRunner() {
    }

    /** One result per probe, in the probes' order. */
    public static List<ProbeResult> run(Target target, List<? extends Probe> probes) {
        NetworkGuard guard = target.guard();
        probes.forEach(p -> requireProbeable(guard, p));
        Optional<NamespaceProber> across = target.namespaceProber();
        List<Integer> tcp = new ArrayList<>();
        Map<String, List<Integer>> bySource = new LinkedHashMap<>();
        for (int i = 0; i < probes.size(); i++) {
            if (across.isPresent() && probes.get(i) instanceof TcpProbe) {
                tcp.add(i);
            } else {
                bySource.computeIfAbsent(probes.get(i).from(), k -> new ArrayList<>()).add(i);
            }
        }
        ProbeResult[] results = new ProbeResult[probes.size()];
        // One thread per source: a second wave would cost a second timeout.
        ExecutorService pool = Executors.newFixedThreadPool(bySource.size() + 1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            if (!tcp.isEmpty()) {
                futures.add(pool.submit(() -> fill(results, tcp, acrossNamespaces(target, across.get(),
                        tcp.stream().map(i -> (TcpProbe) probes.get(i)).toList()))));
            }
            bySource.forEach((source, indexes) -> futures.add(pool.submit(() -> fill(results, indexes,
                    runBatch(target, source, indexes.stream().<Probe>map(probes::get).toList())))));
            for (Future<?> future : futures) {
                future.get();
            }
            return List.of(results);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new ProbeError("probing " + target.name() + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeError("probing " + target.name() + " was interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    private static Void fill(ProbeResult[] into, List<Integer> indexes, List<ProbeResult> results) {
        for (int k = 0; k < indexes.size(); k++) {
            into[indexes.get(k)] = results.get(k);
        }
        return null;
    }

    /**
     * Every TCP probe in one request: the prober forks one child per source namespace, each joins it, opens its
     * own loopback positive control there and probes. A source whose control fails makes the call an error.
     */
    private static List<ProbeResult> acrossNamespaces(Target target, NamespaceProber prober, List<TcpProbe> probes) {
        Duration timeout = probes.stream().map(TcpProbe::timeout).max(Duration::compareTo).orElseThrow();
        List<NamespaceProber.Connect> connects = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            TcpProbe probe = probes.get(i);
            connects.add(new NamespaceProber.Connect(Integer.toString(i), probe.from(), probe.address().toString(),
                    probe.port()));
        }
        NamespaceProber.Answers answers = prober.probe(connects, timeout);
        List<String> broken = new ArrayList<>();
        probes.stream().map(TcpProbe::from).distinct().forEach(source -> {
            String control = answers.byKey().get("control:" + source);
            if (!"open".equals(control)) {
                broken.add(source + " (" + control + ")");
            }
        });
        if (!broken.isEmpty()) {
            throw new ProbeError("positive control failed on " + target.name() + " for " + String.join(", ", broken)
                    + " under " + timeout.toMillis() + " ms (" + answers.tail() + "); their probes cannot be trusted");
        }
        List<ProbeResult> results = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            String answer = answers.byKey().get(Integer.toString(i));
            if (answer == null) {
                throw new ProbeError(probes.get(i), "no answer line: " + answers.tail());
            }
            results.add(ProbeResult.read(probes.get(i), answer));
        }
        return results;
    }

    public static ProbeResult run(Target target, Probe probe) {
        return run(target, List.of(probe)).get(0);
    }

    /**
     * One script per source. TCP probes go to the probe image's prober in one process (non-blocking connects,
     * so a batch costs one timeout and no process storm); DNS and HTTP probes run in the background beside it.
     * The prober first connects to a loopback listener of its own — the positive control — under the same
     * timeout: if that does not answer "open", the prober in that namespace is broken (tool missing, sidecar
     * gone, script garbled) and the whole batch is an error, since its negatives would read as "unreachable".
     */
    private static List<ProbeResult> runBatch(Target target, String source, List<Probe> batch) {
        Duration tcpTimeout = batch.stream().filter(p -> p instanceof TcpProbe).map(p -> ((TcpProbe) p).timeout())
                .max(Duration::compareTo).orElse(Probes.TCP_TIMEOUT);
        StringBuilder script = new StringBuilder("d=$(mktemp -d)\n");
        StringBuilder tcp = new StringBuilder();
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) instanceof TcpProbe probe) {
                tcp.append(probe.proberLine(Integer.toString(i))).append('\n');
            } else {
                script.append("( ").append(batch.get(i).command()).append(" ) > $d/").append(i)
                        .append(" 2>/dev/null & probes=\"$probes $!\"\n");
            }
        }
        script.append("if ! command -v ").append(TcpProbe.PROBER).append(" >/dev/null; then echo 'control ")
                .append(TcpProbe.MISSING).append("' > $d/tcp; else ").append(TcpProbe.PROBER).append(' ')
                .append(TcpProbe.seconds(tcpTimeout)).append(" > $d/tcp 2>&1 <<'VPAI_TCP'\n").append(tcp)
                .append("VPAI_TCP\nfi\n")
                .append("[ -n \"$probes\" ] && wait $probes\n")
                .append("cat $d/tcp\n");
        for (int i = 0; i < batch.size(); i++) {
            if (!(batch.get(i) instanceof TcpProbe)) {
                script.append("echo \"").append(i).append(" $(head -n1 $d/").append(i).append(")\"\n");
            }
        }
        script.append("rm -rf $d\n");
        ShellResult result = target.probeFrom(source, script.toString(), Duration.ofSeconds(60));
        String[] answers = new String[batch.size()];
        String controlAnswer = null;
        for (String line : result.output().split("\n")) {
            int space = line.indexOf(' ');
            if (space <= 0) {
                continue;
            }
            String key = line.substring(0, space);
            String value = line.substring(space + 1).trim();
            if (key.equals("control")) {
                controlAnswer = value;
            } else if (key.matches("\\d+") && Integer.parseInt(key) < answers.length) {
                answers[Integer.parseInt(key)] = value;
            }
        }
        if (!"open".equals(controlAnswer)) {
            throw new ProbeError("positive control from " + source + " on " + target.name() + " failed: a loopback "
                    + "connect under the batch's " + tcpTimeout.toMillis() + " ms answered '" + controlAnswer
                    + "' (exit " + result.exitCode() + ": " + result.tail(3) + "); the " + batch.size()
                    + " probes of that batch cannot be trusted");
        }
        List<ProbeResult> results = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (answers[i] == null) {
                throw new ProbeError(batch.get(i), "no answer line (exit " + result.exitCode() + "): " + result.tail(3));
            }
            results.add(ProbeResult.read(batch.get(i), answers[i]));
        }
        return results;
    }

    /** Refuses a probe aimed outside the networks the harness created (or the SSH host's own stack networks). */
    static void requireProbeable(NetworkGuard guard, Probe probe) {
        guard.requireReachable(probe.from(), probe.address(), "probe", probe.describe());
    }
}
