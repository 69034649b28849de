package io.vpai.harness.report;

import io.vpai.harness.backup.RestoreReport;
import io.vpai.harness.environment.ContainerEnvironment;
import io.vpai.harness.environment.Environment;
import io.vpai.harness.inventory.RunningVersions;
import io.vpai.harness.isolation.MatrixMarkdown;
import io.vpai.harness.isolation.MatrixSvg;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.startup.StartupReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Markdown summary of a run: environment, per-service fidelity (real or stand-in), results per spec, and links
 * to the pictures and tables the run drew. Results are data collected by the test listener; this class renders them.
 */
public final class RunSummary {
    public enum Outcome { PASSED, FAILED, SKIPPED }

    public record Result(String spec, String test, Outcome outcome, String message) {
    }

    /**
     * A picture a spec draws under {@code reports/}, and the table beside it (either may be absent), as paths relative
     * to {@code reports/} — where the summaries are, so the same path is the link.
     */
    public record Picture(String title, String picture, String table) {
    }

    private static final String REPORTS = "reports/";

    /** Every picture and table the specs write, in the order the summary lists them. */
    public static final List<Picture> PICTURES = List.of(
            new Picture("Reachability matrix", underReports(MatrixSvg.PATH), underReports(MatrixMarkdown.PATH)),
            new Picture("Startup timeline", underReports(StartupReport.DIRECTORY + "/" + StartupReport.SVG),
                    underReports(StartupReport.DIRECTORY + "/" + StartupReport.MARKDOWN)),
            new Picture("Backup restore, before and after", null, underReports(RestoreReport.PATH)),
            new Picture("Backup retention, kept and forgotten", null, underReports(RestoreReport.RETENTION_PATH)));

    private RunSummary() {
    }

    /**
     * The pictures and tables of {@link #PICTURES} written at or after {@code since} under {@code reports}: the ones this
     * run drew, never a file an earlier run left. Each keeps only the files that qualify.
     */
    public static List<Picture> writtenSince(Path reports, Instant since) {
        List<Picture> written = new ArrayList<>();
        for (Picture p : PICTURES) {
            String picture = fresh(reports, p.picture(), since) ? p.picture() : null;
            String table = fresh(reports, p.table(), since) ? p.table() : null;
            if (picture != null || table != null) {
                written.add(new Picture(p.title(), picture, table));
            }
        }
        return written;
    }

    public static String markdown(Stack model, Environment environment, List<Result> results, List<Picture> pictures) {
        return markdown(model, environment, results, pictures, Map.of());
    }

    /**
     * {@code running}: the version each service's binary told this run ({@link RunningVersions}), shown beside the
     * model's pin; a service not asked shows none, and one that differs says so.
     */
    public static String markdown(Stack model, Environment environment, List<Result> results, List<Picture> pictures,
                                  Map<String, String> running) {
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
            out.append("## Services\n\n| Service | Image | Fidelity | Pin | Running |\n|---|---|---|---|---|\n");
            for (Service service : model.services()) {
                var source = containers.image(service.name());
                String pin = service.image().version();
                String observed = running.get(service.name());
                String shown = observed == null ? "" : observed.equals(pin) ? observed : "**" + observed + "** (not the pin)";
                out.append("| ").append(service.displayName()).append(" | `").append(source.describe()).append("` | ")
                        .append(source.fidelity().label()).append(" | ").append(pin).append(" | ").append(shown)
                        .append(" |\n");
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

        if (!pictures.isEmpty()) {
            out.append("\n## Pictures and tables\n\nDrawn by this run, beside this file:\n\n");
            for (Picture p : pictures) {
                out.append("- ").append(p.picture() == null ? p.title() : "[" + p.title() + "](" + p.picture() + ")");
                if (p.table() != null) {
                    out.append(p.picture() == null ? ": " : ", as a table: ").append("[").append(p.table()).append("](")
                            .append(p.table()).append(")");
                }
                out.append('\n');
            }
        }

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

    private static boolean fresh(Path reports, String relative, Instant since) {
        if (relative == null) {
            return false;
        }
        try {
            Path file = reports.resolve(relative);
            return Files.isRegularFile(file) && !Files.getLastModifiedTime(file).toInstant().isBefore(since);
        } catch (IOException e) {
            return false;
        }
    }

    private static String underReports(String projectPath) {
        if (!projectPath.startsWith(REPORTS)) {
            throw new IllegalStateException(projectPath + " is not under " + REPORTS);
        }
        return projectPath.substring(REPORTS.length());
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
