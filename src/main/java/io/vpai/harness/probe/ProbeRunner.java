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
    private static final java.util.random.RandomGenerator CONTROL_PORTS = new java.security.SecureRandom();

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
     * One script per source: a loopback listener for the positive control, every probe in parallel, then the
     * control — the same TCP probe aimed at the listener — once they are done. If the control does not
     * answer "open", the prober in that namespace is broken (tool missing, sidecar gone, script garbled) and
     * the whole batch is an error: its negatives would otherwise read as "unreachable".
     */
    private static List<ProbeResult> runBatch(Target target, String source, List<Probe> batch) {
        int port = CONTROL_PORTS.nextInt(40000, 50000);
        TcpProbe control = new TcpProbe(source, "127.0.0.1", port, Probes.TIMEOUT_SECONDS);
        StringBuilder script = new StringBuilder("d=$(mktemp -d)\n");
        script.append("timeout 60 nc -lk 127.0.0.1 ").append(port).append(" >/dev/null 2>&1 & listener=$!\n");
        for (int i = 0; i < batch.size(); i++) {
            script.append("( ").append(batch.get(i).command()).append(" ) > $d/").append(i)
                    .append(" 2>/dev/null & probes=\"$probes $!\"\n");
        }
        script.append("wait $probes\n")
                .append("echo \"control $(").append(control.command()).append(")\"\n")
                .append("kill $listener 2>/dev/null\n")
                .append("for i in $(seq 0 ").append(batch.size() - 1).append("); do echo \"$i $(head -n1 $d/$i)\"; done\n");
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
            throw new ProbeError("positive control from " + source + " on " + target.name() + " failed: "
                    + control.describe() + " answered '" + controlAnswer + "' (exit " + result.exitCode() + ": "
                    + result.tail(3) + "); the " + batch.size() + " probes of that batch cannot be trusted");
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
