package io.vpai.harness.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One prober that can join every source's network namespace (it sees the host's processes and may enter their
 * namespaces): a whole matrix of TCP probes is then one request to one long-lived process instead of one
 * {@code docker exec} per source — which, not the network, is what a matrix costs.
 */
public interface NamespaceProber {
    /**
     * Opens every connection, each from its source's namespace, all at once under {@code timeout}. The answers
     * hold each connect's key and, per source, {@code control:SOURCE}: the loopback control in that namespace.
     */
    Answers probe(List<Connect> connects, Duration timeout);

    /** One TCP connect from {@code source}'s namespace; {@code key} is a word the answer comes back under. */
    record Connect(String key, String source, String address, int port) {
    }

    /** The prober's answer lines by key, and its last lines to explain a missing one. */
    record Answers(Map<String, String> byKey, String tail) {
        public Answers {
            byKey = Map.copyOf(byKey);
        }
    }
}
