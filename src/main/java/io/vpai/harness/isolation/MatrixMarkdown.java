package io.vpai.harness.isolation;

import io.vpai.harness.isolation.MatrixGrid.Cell;
import io.vpai.harness.isolation.MatrixGrid.Column;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code reports/isolation/matrix.md}: the matrix as a Markdown table, a legend, then every violation and waiver. */
public final class MatrixMarkdown {
    /** Where the isolation spec writes it, from the project root. */
    public static final String PATH = "reports/isolation/matrix.md";
    public static final String STAND_IN = "*(stand-in)*";

    private MatrixMarkdown() {
    }

    public static String render(MatrixResult result) {
        MatrixGrid grid = MatrixGrid.of(result.verdicts());
        Map<Cell, Long> counts = MatrixGrid.probeCounts(result.verdicts());
        StringBuilder md = new StringBuilder();
        md.append("# Reachability matrix — environment ").append(result.environment()).append("\n\n");
        md.append(String.format(Locale.ROOT,
                "%d probes: %d reachable and %d unreachable as the model says, %s, %d waived. "
                        + "Probing took %.1f s.%n%n",
                result.verdicts().size(), counts.get(Cell.REACHABLE), counts.get(Cell.UNREACHABLE),
                count(counts.get(Cell.VIOLATION), "violation"), counts.get(Cell.WAIVED),
                result.probing().toMillis() / 1000.0));
        md.append("Rows are sources (the probe runs in the service's network namespace), columns are destination "
                + "addresses: a service on one of its networks, the internet sentinel (host-owned, standing for the "
                + "outside world), the Docker host on one bridge. The sentinel being a host address, Docker lets even "
                + "an internal-only container reach it (its default route points at the host): a connection counts as "
                + "egress only if it arrived from an address that is not on an internal network, since Docker forwards "
                + "nothing outside from an internal bridge.\n\n");
        md.append("Legend: ✓ reachable, as the model says · unreachable, as the model says ✗ violation "
                + "w reached, waived (see below) — the service itself; blank: not probed. ")
                .append(STAND_IN).append(": a stand-in that listens on the declared ports; the network path is real.\n\n");

        md.append("| source ＼ destination |");
        for (Column column : grid.columns()) {
            md.append(' ').append(label(result, column.destination())).append("<br>").append(column.detail()).append(" |");
        }
        md.append("\n|---|");
        md.append(":-:|".repeat(grid.columns().size()));
        md.append('\n');
        for (String row : grid.rows()) {
            md.append("| ").append(label(result, row)).append(" |");
            for (Column column : grid.columns()) {
                String symbol = grid.cell(row, column).symbol;
                md.append(symbol.isEmpty() ? " |" : " " + symbol + " |");
            }
            md.append('\n');
        }
        section(md, "Violations", result.violations(), false);
        section(md, "Waived", result.waived(), true);
        if (!result.unboundListeners().isEmpty()) {
            md.append("\nNo listener could be bound on ").append(String.join(", ", result.unboundListeners()))
                    .append(" (not a host address here); a probe there counts as reached only if refused.\n");
        }
        return md.toString();
    }

    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String label(MatrixResult result, String name) {
        return result.standIn(name) ? name + " " + STAND_IN : name;
    }

    private static void section(StringBuilder md, String title, List<Verdict> verdicts, boolean withWaiver) {
        md.append("\n## ").append(title).append("\n\n");
        if (verdicts.isEmpty()) {
            md.append("None.\n");
            return;
        }
        for (Verdict v : verdicts) {
            md.append("- `").append(v.finding().checkId()).append("` ").append(v.finding().message());
            if (withWaiver) {
                v.finding().waiver().ifPresent(w -> md.append(" Waived")
                        .append(w.expires().map(d -> " until " + d).orElse(""))
                        .append(": ").append(w.justification()));
            }
            md.append('\n');
        }
    }
}
