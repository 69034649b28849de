package io.vpai.harness.isolation;

import io.vpai.harness.isolation.MatrixGrid.Cell;
import io.vpai.harness.isolation.MatrixGrid.Column;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code reports/isolation/matrix.svg}: the same grid as a picture — green reachable, grey unreachable,
 * red a violation, amber waived — with each cell's probes as its tooltip. Hand-written SVG, no library.
 */
public final class MatrixSvg {
    /** Where the isolation spec writes it, from the project root. */
    public static final String PATH = "reports/isolation/matrix.svg";
    static final int CELL = 22;
    private static final int ROW_LABELS = 190;
    /** Average glyph advance of the 11 px sans-serif labels, for sizing only. */
    private static final double CHAR_WIDTH = 6.2;
    private static final int MARGIN = 12;
    private static final int LEGEND = 70;
    private static final int LEGEND_WIDTH = 4 * 200 + 2 * MARGIN;
    static final Map<Cell, String> FILL = Map.of(
            Cell.REACHABLE, "#66bb6a", Cell.UNREACHABLE, "#cfd8dc", Cell.VIOLATION, "#e53935",
            Cell.WAIVED, "#ffb300", Cell.SELF, "#ffffff", Cell.NONE, "#fafafa");

    private MatrixSvg() {
    }

    public static String render(MatrixResult result) {
        MatrixGrid grid = MatrixGrid.of(result.verdicts());
        List<Column> columns = grid.columns();
        List<String> rows = grid.rows();
        // Column labels run up and right at 60°: size the picture to the longest one.
        int longest = columns.stream().mapToInt(c -> (label(result, c.destination()) + " " + c.detail()).length())
                .max().orElse(10);
        int labelRise = (int) Math.ceil(longest * CHAR_WIDTH * Math.sin(Math.toRadians(60))) + 8;
        int labelRun = (int) Math.ceil(longest * CHAR_WIDTH * Math.cos(Math.toRadians(60)));
        int top = MARGIN + 24 + labelRise;
        int width = Math.max(MARGIN + ROW_LABELS + columns.size() * CELL + labelRun + MARGIN, LEGEND_WIDTH);
        int height = top + rows.size() * CELL + LEGEND;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
                MARGIN, MARGIN + 14, escape("Reachability matrix — environment " + result.environment()
                        + " (" + result.verdicts().size() + " probes, " + MatrixMarkdown.count(result.violations().size(), "violation")
                        + ")")));
        int x0 = MARGIN + ROW_LABELS;
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            int x = x0 + c * CELL + CELL / 2 + 4;
            svg.append(String.format(Locale.ROOT,
                    "<text transform=\"translate(%d,%d) rotate(-60)\"%s>%s</text>%n", x, top - 4,
                    standInStyle(result, column.destination()),
                    escape(label(result, column.destination()) + " " + column.detail())));
        }
        for (int r = 0; r < rows.size(); r++) {
            String row = rows.get(r);
            int y = top + r * CELL;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\"%s>%s</text>%n",
                    x0 - 6, y + CELL / 2 + 4, standInStyle(result, row), escape(label(result, row))));
            for (int c = 0; c < columns.size(); c++) {
                Column column = columns.get(c);
                Cell cell = grid.cell(row, column);
                int x = x0 + c * CELL;
                String tip = grid.verdicts(row, column).stream()
                        .map(v -> v.expectation().path() + ": " + v.answer() + " (" + v.finding().status() + ")")
                        .collect(Collectors.joining("; "));
                svg.append(String.format(Locale.ROOT,
                        "<g><title>%s</title><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" "
                                + "stroke=\"#ffffff\"/>", escape(tip.isEmpty() ? row + ": " + cellName(cell) : tip),
                        x, y, CELL, CELL, FILL.get(cell)));
                if (!cell.symbol.isEmpty()) {
                    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                            x + CELL / 2, y + CELL / 2 + 4, escape(cell.symbol)));
                }
                svg.append("</g>\n");
            }
        }
        legend(svg, MARGIN, top + rows.size() * CELL + 24);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void legend(StringBuilder svg, int x, int y) {
        List<Cell> shown = List.of(Cell.REACHABLE, Cell.UNREACHABLE, Cell.VIOLATION, Cell.WAIVED);
        int at = x;
        for (Cell cell : shown) {
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>%n",
                    at, y, FILL.get(cell), at + 18, y + 11, escape(cellName(cell))));
            at += 200;
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-style=\"italic\">%s</text>%n", x, y + 32,
                escape("(stand-in): a stand-in listens on the declared ports; the network path is real")));
    }

    private static String cellName(Cell cell) {
        switch (cell) {
            case REACHABLE:
                return "reachable, as the model says";
            case UNREACHABLE:
                return "unreachable, as the model says";
            case VIOLATION:
                return "violation";
            case WAIVED:
                return "reached, waived";
            case SELF:
                return "the service itself";
            default:
                return "not probed";
        }
    }

    private static String label(MatrixResult result, String name) {
        return result.standIn(name) ? name + " (stand-in)" : name;
    }

    private static String standInStyle(MatrixResult result, String name) {
        return result.standIn(name) ? " font-style=\"italic\" fill=\"#555555\"" : "";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
