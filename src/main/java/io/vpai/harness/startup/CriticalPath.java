package io.vpai.harness.startup;

import io.vpai.harness.model.Dependency;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The least a dependency graph lets a stack start in: along the longest chain of depends_on, the sum of
 * each service's own readiness (started to healthy). Whatever the observed bring-up takes beyond it is
 * scheduling overhead (Compose's polling, container creation), not the services.
 *
 * @param chain    dependency first, the last dependent at the end: {@code postgresql, litellm, openclaw, caddy}
 * @param total    the sum of the chain's own readiness times
 * @param readiness each model service's own readiness (zero without a health check or a healthy event)
 */
public record CriticalPath(List<String> chain, Duration total, Map<String, Duration> readiness) {
    public CriticalPath {
        chain = List.copyOf(chain);
        readiness = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(readiness));
    }

    public static CriticalPath of(Stack model, StartupTimeline timeline) {
        Map<String, Duration> own = new LinkedHashMap<>();
        for (Service service : model.services()) {
            own.put(service.name(), timeline.of(service.name()).ownReadiness().orElse(Duration.ZERO));
        }
        Map<String, Duration> longest = new HashMap<>();
        Map<String, String> via = new HashMap<>();
        for (Service service : model.services()) {
            longest(model, service.name(), own, longest, via, 0);
        }
        String last = model.services().stream().map(Service::name)
                .max(java.util.Comparator.comparing(longest::get)).orElseThrow();
        List<String> chain = new ArrayList<>();
        for (String at = last; at != null; at = via.get(at)) {
            chain.add(0, at);
        }
        return new CriticalPath(chain, longest.get(last), own);
    }

    /** Longest path ending in {@code service} (memoised; the model validator has already refused cycles). */
    private static Duration longest(Stack model, String service, Map<String, Duration> own,
                                    Map<String, Duration> longest, Map<String, String> via, int depth) {
        Duration known = longest.get(service);
        if (known != null) {
            return known;
        }
        if (depth > model.services().size()) {
            throw new IllegalStateException("depends_on cycle through " + service);
        }
        Duration best = Duration.ZERO;
        String bestVia = null;
        for (Dependency dependency : model.service(service).map(Service::dependsOn).orElse(List.of())) {
            Duration before = longest(model, dependency.service(), own, longest, via, depth + 1);
            if (bestVia == null || before.compareTo(best) > 0) {
                best = before;
                bestVia = dependency.service();
            }
        }
        Duration total = best.plus(own.getOrDefault(service, Duration.ZERO));
        longest.put(service, total);
        if (bestVia != null) {
            via.put(service, bestVia);
        }
        return total;
    }

    /** "postgresql 1.02 s → litellm 1.01 s → openclaw 1.00 s → caddy 1.03 s = 4.06 s". */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (String service : chain) {
            if (out.length() > 0) {
                out.append(" → ");
            }
            out.append(service).append(' ').append(Moments.seconds(readiness.getOrDefault(service, Duration.ZERO)));
        }
        return out + " = " + Moments.seconds(total);
    }
}
