package io.vpai.harness.render;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The architecture seed (../shared/seeds/*.txt, beside the project), read as data: its Service
 * Matrix, its DNS table and its startup graph. The renderers must agree with it, not just with the
 * model, so a model edit that silently departs from the seed is caught. Absent seed: skipped with the
 * reason, or failed under CI=true (CI always has shared/ beside the clone).
 */
final class SeedDocument {
    static final Path SEEDS = Path.of("..", "shared", "seeds");

    /** One Service Matrix row: the name as the seed writes it, the networks marked X (lower case). */
    record MatrixRow(String service, Set<String> networks, String ports, String subdomain) {
    }

    record DnsRow(String name, String address, String target, String access) {
    }

    record Edge(String from, String to) {
        @Override
        public String toString() {
            return from + " --> " + to;
        }
    }

    private final Path file;
    private final List<String> lines;

    private SeedDocument(Path file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    static SeedDocument load() {
        String reason = "the architecture seed is not at " + SEEDS.toAbsolutePath().normalize()
                + " (expected ../shared/seeds/*.txt beside the project)";
        if (!Files.isDirectory(SEEDS)) {
            return absent(reason);
        }
        try (Stream<Path> files = Files.list(SEEDS)) {
            for (Path candidate : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                List<String> lines = Files.readAllLines(candidate, StandardCharsets.UTF_8);
                if (lines.stream().anyMatch(l -> l.startsWith("## 3. Service Matrix"))) {
                    return new SeedDocument(candidate, lines);
                }
            }
        } catch (IOException e) {
            Assertions.fail("cannot read " + SEEDS + ": " + e.getMessage());
        }
        return absent(reason + "; no .txt file there has a '## 3. Service Matrix' section");
    }

    private static SeedDocument absent(String reason) {
        if (ExternalTool.inCi()) {
            Assertions.fail(reason + "; CI=true requires it");
        }
        Assumptions.abort(reason);
        throw new IllegalStateException("unreachable");
    }

    Path file() {
        return file;
    }

    /** Section 3's table, rows in seed order. */
    List<MatrixRow> serviceMatrix() {
        List<List<String>> table = table("## 3. Service Matrix");
        List<String> header = table.get(0);
        List<MatrixRow> rows = new ArrayList<>();
        for (List<String> cells : table.subList(1, table.size())) {
            Set<String> networks = new LinkedHashSet<>();
            for (int i = 1; i < header.size(); i++) {
                if (cells.get(i).equals("X")) {
                    networks.add(header.get(i).toLowerCase(Locale.ROOT));
                }
            }
            rows.add(new MatrixRow(cells.get(0), networks, cells.get(header.indexOf("Ports")), cells.get(header.indexOf("Subdomain"))));
        }
        return rows;
    }

    /** Section 0's DNS table. */
    List<DnsRow> dnsTable() {
        List<List<String>> table = table("### DNS");
        List<DnsRow> rows = new ArrayList<>();
        for (List<String> cells : table.subList(1, table.size())) {
            rows.add(new DnsRow(cells.get(0).replace("`", ""), cells.get(1), cells.get(2), cells.get(3)));
        }
        return rows;
    }

    /** Section 7's mermaid graph as edges between node labels ("PostgreSQL" --> "n8n"). */
    Set<Edge> startupEdges() {
        int i = indexOf("## 7. Startup Order");
        while (i < lines.size() && !lines.get(i).startsWith("```mermaid")) {
            i++;
        }
        Map<String, String> labels = new HashMap<>();
        List<String[]> raw = new ArrayList<>();
        Pattern node = Pattern.compile("(\\w+)\\[\"([^\"]+)\"\\]");
        for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
            String line = lines.get(i).trim();
            Matcher m = node.matcher(line);
            while (m.find()) {
                labels.put(m.group(1), m.group(2));
            }
            if (line.contains("-->")) {
                String[] sides = line.replaceAll("\\[\"[^\"]*\"\\]", "").split("-->");
                raw.add(new String[]{sides[0].trim(), sides[1].replaceFirst("^\\s*\\|[^|]*\\|", "").trim()});
            }
        }
        Set<Edge> edges = new LinkedHashSet<>();
        for (String[] edge : raw) {
            edges.add(new Edge(labels.getOrDefault(edge[0], edge[0]), labels.getOrDefault(edge[1], edge[1])));
        }
        return edges;
    }

    /** The first markdown table after the heading: header row then data rows, cells trimmed. */
    private List<List<String>> table(String heading) {
        int i = indexOf(heading);
        while (i < lines.size() && !lines.get(i).startsWith("|")) {
            i++;
        }
        List<List<String>> rows = new ArrayList<>();
        for (; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            List<String> cells = cells(lines.get(i));
            if (cells.stream().allMatch(c -> c.matches(":?-+:?"))) {
                continue;
            }
            rows.add(cells);
        }
        if (rows.size() < 2) {
            Assertions.fail(file + ": no table after '" + heading + "'");
        }
        return rows;
    }

    static List<String> cells(String row) {
        String inner = row.trim();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.trim().replace("**", ""));
        }
        return cells;
    }

    private int indexOf(String heading) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(heading)) {
                return i;
            }
        }
        Assertions.fail(file + " has no '" + heading + "' section");
        return -1;
    }
}
