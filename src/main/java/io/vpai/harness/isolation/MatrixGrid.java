package io.vpai.harness.isolation;

import io.vpai.harness.isolation.Expectation.Kind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The matrix as the renderers lay it out: a row per source service; a column per destination address
 * (a service on one of its networks, the internet sentinel, the host on one bridge); a cell summing up
 * every port probed there. The worst wins in a cell: a violation, then a waiver, then the expectation.
 */
final class MatrixGrid {
    enum Cell {
        REACHABLE("✓"), UNREACHABLE("·"), VIOLATION("✗"), WAIVED("w"), SELF("—"), NONE("");

        final String symbol;

        Cell(String symbol) {
            this.symbol = symbol;
        }
    }

    /** {@code destination} is a service, the sentinel or the host; {@code detail} says where and which ports. */
    record Column(String key, String destination, String detail, Kind kind) {
    }

    private final List<String> rows;
    private final List<Column> columns;
    private final Map<String, List<Verdict>> cells;

    private MatrixGrid(List<String> rows, List<Column> columns, Map<String, List<Verdict>> cells) {
        this.rows = rows;
        this.columns = columns;
        this.cells = cells;
    }

    static MatrixGrid of(List<Verdict> verdicts) {
        List<String> rows = new ArrayList<>();
        Map<String, List<Verdict>> byColumn = new LinkedHashMap<>();
        Map<String, List<Verdict>> cells = new LinkedHashMap<>();
        for (Verdict verdict : verdicts) {
            Expectation e = verdict.expectation();
            if (!rows.contains(e.source())) {
                rows.add(e.source());
            }
            String key = columnKey(e);
            byColumn.computeIfAbsent(key, k -> new ArrayList<>()).add(verdict);
            cells.computeIfAbsent(e.source() + "\n" + key, k -> new ArrayList<>()).add(verdict);
        }
        List<Column> columns = new ArrayList<>();
        byColumn.forEach((key, list) -> columns.add(column(key, list)));
        // Services in row (model) order, then the sentinel, then the host's bridges; stable within each.
        columns.sort(Comparator.comparingInt((Column c) -> c.kind() == Kind.SERVICE ? 0 : c.kind() == Kind.EGRESS ? 1 : 2)
                .thenComparingInt(c -> c.kind() == Kind.SERVICE ? rows.indexOf(c.destination()) : 0));
        return new MatrixGrid(List.copyOf(rows), List.copyOf(columns), cells);
    }

    private static String columnKey(Expectation e) {
        switch (e.kind()) {
            case SERVICE:
                return e.destination() + "@" + e.network();
            case EGRESS:
                return "sentinel";
            default:
                return "host@" + e.network();
        }
    }

    private static Column column(String key, List<Verdict> verdicts) {
        Expectation first = verdicts.get(0).expectation();
        Kind kind = first.kind() == Kind.HOST_FROM_INTERNAL ? Kind.HOST_BRIDGE : first.kind();
        String detail;
        if (kind == Kind.SERVICE) {
            TreeSet<Integer> ports = new TreeSet<>();
            verdicts.forEach(v -> ports.add(v.expectation().port()));
            detail = first.address() + ":" + String.join(",", ports.stream().map(String::valueOf).toList())
                    + " " + first.network();
        } else {
            detail = first.address() + " " + first.network();
        }
        String destination = kind == Kind.SERVICE ? first.destination()
                : kind == Kind.EGRESS ? Expectation.SENTINEL : Expectation.HOST;
        return new Column(key, destination, detail, kind);
    }

    List<String> rows() {
        return rows;
    }

    List<Column> columns() {
        return columns;
    }

    /** The verdicts behind one cell (empty when nothing was probed there). */
    List<Verdict> verdicts(String row, Column column) {
        return cells.getOrDefault(row + "\n" + column.key(), List.of());
    }

    Cell cell(String row, Column column) {
        if (column.kind() == Kind.SERVICE && column.destination().equals(row)) {
            return Cell.SELF;
        }
        List<Verdict> here = verdicts(row, column);
        if (here.isEmpty()) {
            return Cell.NONE;
        }
        if (here.stream().anyMatch(Verdict::violation)) {
            return Cell.VIOLATION;
        }
        if (here.stream().anyMatch(Verdict::waived)) {
            return Cell.WAIVED;
        }
        return here.get(0).expectation().reachable() ? Cell.REACHABLE : Cell.UNREACHABLE;
    }

    /** Counts by cell kind over single probes (not cells): what the summary line reports. */
    static Map<Cell, Long> probeCounts(List<Verdict> verdicts) {
        Map<Cell, Long> counts = new LinkedHashMap<>();
        for (Cell c : List.of(Cell.REACHABLE, Cell.UNREACHABLE, Cell.VIOLATION, Cell.WAIVED)) {
            counts.put(c, 0L);
        }
        for (Verdict v : verdicts) {
            Cell c = v.violation() ? Cell.VIOLATION : v.waived() ? Cell.WAIVED
                    : v.expectation().reachable() ? Cell.REACHABLE : Cell.UNREACHABLE;
            counts.merge(c, 1L, Long::sum);
        }
        return counts;
    }
}
