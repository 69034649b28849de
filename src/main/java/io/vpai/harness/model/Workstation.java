package io.vpai.harness.model;

import java.util.List;
import java.util.Optional;

/**
 * The Workstation Pi (section 1.5): systemd services behind its own Caddy, and the LiteLLM keys
 * that spend the daily budget.
 */
public record Workstation(List<PiService> services, List<LlmKey> llmKeys) {
    public Workstation {
        services = List.copyOf(services);
        llmKeys = List.copyOf(llmKeys);
    }

    /** A systemd unit on the Pi; {@code subdomain} is the name its Caddy serves it under, if any. */
    public record PiService(String unit, String displayName, List<Integer> ports, Optional<String> subdomain,
                            Optional<String> upstream) {
        public PiService {
            ports = List.copyOf(ports);
        }
    }

    /** Who calls LiteLLM with which credential, and its daily budget; OAuth users spend none. */
    public record LlmKey(String consumer, String credential, Optional<Double> dailyBudgetUsd) {
    }
}
