package io.vpai.harness.report;

import io.vpai.harness.environment.ContainerEnvironment;
import io.vpai.harness.environment.Environment;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Markdown summary of a run: environment, per-service fidelity (real or stand-in), and results
 * per spec. Results are data collected by the test listener; this class only renders them.
 */
public final class RunSummary {
    public enum Outcome { PASSED, FAILED, SKIPPED }

    public record Result(String spec, String test, Outcome outcome, String message) {
    }

    private RunSummary() {
    }

    public static String markdown(Stack model, Environment environment, List<Result> results) {
        StringBuilder out = new StringBuilder("# VPAI conformance run\n\n");
        out.append("Environment: `").append(environment.name()).append("` (").append(environment.target())
                .append(") — ").append(environment.description()).append("\n\n");
        Map<Outcome, Integer> totals = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            totals.put(o, 0);
        }
        results.forEach(r -> totals.merge(r.outcome(), 1, Integer::sum));
        out.append("**").append(totals.get(Outcome.FAILED) == 0 ? "PASSED" : "FAILED").append("** — ")
                .append(totals.get(Outcome.PASSED)).append(" passed, ").append(totals.get(Outcome.FAILED))
                .append(" failed, ").append(totals.get(Outcome.SKIPPED)).append(" skipped\n\n");

        if (environment instanceof ContainerEnvironment containers) {
            out.append("## Services\n\n| Service | Image | Fidelity |\n|---|---|---|\n");
            for (Service service : model.services()) {
                var source = containers.image(service.name());
                out.append("| ").append(service.displayName()).append(" | `").append(source.describe()).append("` | ")
                        .append(source.fidelity().label()).append(" |\n");
            }
            out.append("\nA stand-in listens on the service's declared ports and answers its health check; checks "
                    + "that need the real component are skipped for it, never passed.\n\n");
            out.append("## Around the stack\n\n| Fixture | What runs | Fidelity |\n|---|---|---|\n")
                    .append("| Headscale (Seko-VPN) | headscale ").append(model.tailnet().headscaleImage().tag())
                    .append(" from the Go module proxy, the shipped config.yaml | real |\n")
                    .append("| Tailscale nodes: VPS ").append(containers.fixtures().tailnet().proxy())
                    .append(", VPN client ").append(containers.fixtures().tailnet().client())
                    .append(", Workstation Pi ").append(containers.fixtures().tailnet().workstation())
                    .append(" | tailscaled and MagicDNS from the Go module proxy, kernel WireGuard | real |\n")
                    .append("| Public DNS | unbound with the model's public records | real |\n")
                    .append("| Hetzner Object Storage | S3Proxy | real |\n")
                    .append("| Uptime Kuma | records push requests | stand-in |\n\n");
        }

        out.append("## Specs\n\n| Spec | Passed | Failed | Skipped |\n|---|---:|---:|---:|\n");
        Map<String, int[]> bySpec = new TreeMap<>();
        results.forEach(r -> bySpec.computeIfAbsent(r.spec(), k -> new int[3])[r.outcome().ordinal()]++);
        bySpec.forEach((spec, counts) -> out.append("| ").append(spec).append(" | ").append(counts[0]).append(" | ")
                .append(counts[1]).append(" | ").append(counts[2]).append(" |\n"));

        List<Result> notPassed = new ArrayList<>(results.stream().filter(r -> r.outcome() != Outcome.PASSED).toList());
        if (!notPassed.isEmpty()) {
            out.append("\n## Failed and skipped\n\n");
            for (Result r : notPassed) {
                out.append("- **").append(r.outcome()).append("** ").append(r.spec()).append(" › ").append(r.test());
                if (r.message() != null && !r.message().isBlank()) {
                    out.append(" — ").append(r.message().strip().replace("\n", " ").replace("|", "\\|"));
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Allure's environment.properties: what the report's Environment widget shows. */
    public static String allureEnvironment(Stack model, Environment environment) {
        StringBuilder out = new StringBuilder();
        out.append("environment=").append(environment.name()).append('\n');
        out.append("target=").append(environment.target()).append('\n');
        if (environment instanceof ContainerEnvironment containers) {
            for (Service service : model.services()) {
                var source = containers.image(service.name());
                out.append("image.").append(service.name()).append('=').append(source.describe()).append('\n');
                out.append("fidelity.").append(service.name()).append('=').append(source.fidelity().label()).append('\n');
            }
            out.append("stand-ins=").append(String.join(",", containers.standIns())).append('\n');
        }
        return out.toString();
    }
}
