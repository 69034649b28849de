package io.vpai.harness.render;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.baseline.ArchitectureBaseline;
import io.vpai.harness.baseline.BaselineRecord;
import io.vpai.harness.baseline.MatrixRow;
import io.vpai.harness.model.DnsRecord;
import io.vpai.harness.model.Network;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** ARCHITECTURE.md's tables and graph, read back, equal the model and the architecture baseline's facts. */
@Tag("gate")
@DisplayName("ARCHITECTURE.md, read back, equals the model and the architecture baseline")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.RENDERING)
class ArchitectureDocRendererTest {
    private final Stack model = VpaiStack.model();
    private final List<String> doc = Rendered.text(ArchitectureDocRenderer.PATH).lines().toList();

    /** The rows of the first table after a heading, header included, cells trimmed. */
    private List<List<String>> table(String heading) {
        int i = doc.indexOf(doc.stream().filter(l -> l.startsWith(heading)).findFirst().orElseThrow());
        while (!doc.get(i).startsWith("|")) {
            i++;
        }
        List<List<String>> rows = new ArrayList<>();
        for (; i < doc.size() && doc.get(i).startsWith("|"); i++) {
            List<String> cells = cells(doc.get(i));
            if (!cells.stream().allMatch(c -> c.matches(":?-+:?"))) {
                rows.add(cells);
            }
        }
        return rows;
    }

    private static List<String> cells(String row) {
        String inner = row.trim();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.trim().replace("**", ""));
        }
        return cells;
    }

    private Service byDisplayName(String displayName) {
        return model.services().stream().filter(s -> s.displayName().equals(displayName)).findFirst()
                .orElseThrow(() -> new AssertionError("no service displayed as " + displayName));
    }

    /** Service name to "networks | ports | subdomain kind", the comparable content of a matrix row. */
    private Map<String, String> docMatrix() {
        List<List<String>> table = table("## Service Matrix");
        List<String> header = table.get(0);
        Map<String, String> out = new TreeMap<>();
        for (List<String> row : table.subList(1, table.size())) {
            Set<String> networks = new TreeSet<>();
            for (int i = 1; i < header.size(); i++) {
                if (row.get(i).equals("X")) {
                    networks.add(header.get(i).toLowerCase(Locale.ROOT));
                }
            }
            out.put(byDisplayName(row.get(0)).name(), networks + " | " + row.get(header.indexOf("Ports")) + " | "
                    + kind(row.get(header.indexOf("Subdomain"))));
        }
        return out;
    }

    /** The seed writes template names (`n8n_subdomain`) where the doc has hosts: compare what kind of entry it is. */
    private static String kind(String subdomain) {
        if (subdomain.equals("—")) {
            return "none";
        }
        return subdomain.startsWith("—") ? "internal" : "served";
    }

    @Test
    void startsWithTheGeneratedNotice() {
        assertThat(doc.get(2)).startsWith("> Generated from the model — do not edit");
    }

    @Test
    void serviceMatrixIsTheModels() {
        Map<String, String> expected = new TreeMap<>();
        for (Service service : model.services()) {
            Set<String> networks = new TreeSet<>(service.networkNames());
            String ports = service.ports().isEmpty() ? "—" : service.ports().stream().map(String::valueOf).collect(Collectors.joining(", "));
            boolean served = model.proxy().routes().stream().anyMatch(r -> r.service().map(service.name()::equals).orElse(false)
                    || (r.respond().isPresent() && model.proxy().service().equals(service.name())));
            expected.put(service.name(), networks + " | " + ports + " | " + (served ? "served" : service.ports().isEmpty() ? "none" : "internal"));
        }
        assertThat(docMatrix()).isEqualTo(expected);
        assertThat(table("## Service Matrix").get(0)).containsExactlyElementsOf(header(model));
    }

    private static List<String> header(Stack stack) {
        List<String> header = new ArrayList<>(List.of("Service"));
        for (Network network : stack.networks()) {
            header.add(network.name().substring(0, 1).toUpperCase(Locale.ROOT) + network.name().substring(1));
        }
        header.addAll(List.of("Ports", "Subdomain"));
        return header;
    }

    @Test
    void serviceMatrixMatchesTheArchitectureBaseline() {
        Map<String, String> expected = new TreeMap<>();
        for (MatrixRow row : ArchitectureBaseline.SERVICE_MATRIX) {
            String ports = row.ports().isEmpty() ? "—" : row.ports().stream().map(String::valueOf).collect(Collectors.joining(", "));
            expected.put(row.service(), new TreeSet<>(row.networks()) + " | " + ports + " | " + row.subdomainKind());
        }

        assertThat(docMatrix()).as("Service Matrix of ARCHITECTURE.md vs " + ArchitectureBaseline.says("Service Matrix"))
                .isEqualTo(expected);
    }

    @Test
    void dnsTableMatchesTheModelAndTheArchitectureBaseline() {
        List<List<String>> table = table("## DNS");
        assertThat(table.get(0)).containsExactly("Subdomain", "IP", "Cible/Target", "Accès/Access");
        List<List<String>> rows = table.subList(1, table.size());
        List<DnsRecord> records = model.dns().tailnetRecords();
        assertThat(rows).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            assertThat(rows.get(i)).containsExactly("`" + records.get(i).name() + "`", records.get(i).address(),
                    ArchitectureDocRenderer.target(model, records.get(i)), ArchitectureDocRenderer.access(records.get(i).access()));
        }

        List<BaselineRecord> baseline = ArchitectureBaseline.TAILNET_RECORDS;
        assertThat(rows.stream().map(r -> r.get(0).replace("`", "")).toList()).as("names vs the baseline's section 0 table")
                .containsExactlyElementsOf(baseline.stream().map(BaselineRecord::name).toList());
        for (int i = 0; i < baseline.size(); i++) {
            BaselineRecord expected = baseline.get(i);
            List<String> row = rows.get(i);
            assertThat(row.get(1)).as(expected.name() + " address").isEqualTo(expected.address());
            String host = row.get(2).replace(" (Tailscale)", "");
            assertThat(expected.target()).as(expected.name() + " target").contains(host);
            assertThat(expected.target().contains("Tailscale")).as(expected.name() + " via Tailscale").isEqualTo(row.get(2).contains("Tailscale"));
            String access = expected.vpnOnly() ? "VPN only" : expected.access().startsWith("Public") ? "Public" : expected.access();
            assertThat(row.get(3)).as(expected.name() + " access").isEqualTo(access);
        }
    }

    /** "dependency --> dependent" by service name, from the doc's mermaid block. */
    private Set<String> docEdges() {
        int start = doc.indexOf("```mermaid");
        Map<String, String> labels = new TreeMap<>();
        Set<String> edges = new LinkedHashSet<>();
        Pattern node = Pattern.compile("^(\\w+)\\[\"([^\"]+)\"]$");
        Pattern edge = Pattern.compile("^(\\w+) -->(?:\\|[^|]*\\|)? (\\w+)$");
        for (int i = start + 1; !doc.get(i).equals("```"); i++) {
            String line = doc.get(i).trim();
            Matcher n = node.matcher(line);
            if (n.matches()) {
                labels.put(n.group(1), byDisplayName(n.group(2)).name());
            }
            Matcher e = edge.matcher(line);
            if (e.matches()) {
                edges.add(labels.get(e.group(1)) + " --> " + labels.get(e.group(2)));
            }
        }
        return edges;
    }

    @Test
    void startupGraphIsTheModelsAndTheArchitectureBaselines() {
        Set<String> fromModel = new TreeSet<>();
        model.services().forEach(s -> s.dependsOn().forEach(d -> fromModel.add(d.service() + " --> " + s.name())));
        Set<String> fromBaseline = new TreeSet<>();
        ArchitectureBaseline.STARTUP_EDGES.forEach(e -> fromBaseline.add(e.dependency() + " --> " + e.dependent()));

        assertThat(new TreeSet<>(docEdges())).isEqualTo(fromModel)
                .as("vs " + ArchitectureBaseline.says("section 7")).isEqualTo(fromBaseline);
    }
}
