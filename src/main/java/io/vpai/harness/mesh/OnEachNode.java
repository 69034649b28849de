package io.vpai.harness.mesh;

import io.vpai.harness.engine.DockerEngine;
import io.vpai.harness.engine.EngineException;
import io.vpai.harness.engine.ShellResult;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a script in each node container at once, not one after the other: a node's step can depend on what its peers
 * do at the same moment (a released hold, a WireGuard handshake from the other side).
 */
final class OnEachNode {
    private OnEachNode() {
    }

    /** Each container's script, all started together; each container's result, in the order given. */
    static Map<String, ShellResult> run(DockerEngine engine, Map<String, String> scripts, Duration timeout) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, scripts.size()));
        try {
            Map<String, Future<ShellResult>> runs = new LinkedHashMap<>();
            scripts.forEach((container, script) -> runs.put(container, pool.submit(() -> engine.exec(container, script, timeout))));
            Map<String, ShellResult> results = new LinkedHashMap<>();
            for (Map.Entry<String, Future<ShellResult>> run : runs.entrySet()) {
                results.put(run.getKey(), run.getValue().get());
            }
            return results;
        } catch (ExecutionException e) {
            throw new EngineException("mesh: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("mesh: interrupted while running a script on every node");
        } finally {
            pool.shutdownNow();
        }
    }
}
