package io.vpai.harness.probe;

import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Ipv4;
import io.vpai.harness.stack.ProcessRunner;
import io.vpai.harness.target.Target;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs probes in bulk: one script per source namespace with every probe in parallel inside it, and the
 * sources in parallel too, so a matrix of negatives costs about one timeout, not one per probe.
 * Every address is checked against the target's probeable networks first (the safety rule).
 */
public final class ProbeRunner {
    private ProbeRunner() {
    }

    public static List<ProbeResult> run(Target target, List<? extends Probe> probes) {
        probes.forEach(p -> requireProbeable(target, p));
        Map<String, List<Probe>> bySource = new LinkedHashMap<>();
        probes.forEach(p -> bySource.computeIfAbsent(p.from(), k -> new ArrayList<>()).add(p));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(bySource.size(), 16)));
        try {
            List<Future<List<ProbeResult>>> futures = new ArrayList<>();
            bySource.forEach((source, batch) -> futures.add(pool.submit(() -> runBatch(target, source, batch))));
            List<ProbeResult> results = new ArrayList<>();
            for (Future<List<ProbeResult>> future : futures) {
                results.addAll(future.get());
            }
            return results;
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
        ProcessRunner.Result result = target.probeFrom(source, script.toString(), Duration.ofSeconds(60));
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
            results.add(new ProbeResult(batch.get(i), answers[i]));
        }
        return results;
    }

    /** Refuses a probe aimed outside the networks the harness created (or the SSH host's own stack networks). */
    static void requireProbeable(Target target, Probe probe) {
        String address = probe.address();
        boolean inside = Ipv4.isValid(address)
                && target.probeableNetworks().stream().anyMatch((Cidr c) -> c.contains(address));
        if (!inside) {
            throw new IllegalArgumentException("refusing to probe " + address + " (" + probe.describe()
                    + "): not inside a network of environment '" + target.name() + "'");
        }
    }
}
