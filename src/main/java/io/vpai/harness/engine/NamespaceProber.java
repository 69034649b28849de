package io.vpai.harness.engine;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * One prober that can join every source's network namespace (it sees the host's processes and may enter their
 * namespaces): a whole matrix of TCP probes is then one command on the engine instead of one {@code docker exec}
 * per source — which, not the network, is what a matrix costs.
 */
public interface NamespaceProber {
    /** Each source's network namespace file, as the prober sees it ({@code /proc/PID/ns/net}), looked up now. */
    Map<String, String> namespaces(Collection<String> sources);

    /** Runs a shell script in the prober. */
    ShellResult run(String script, Duration timeout);
}
