package io.vpai.harness.isolation;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("The matrix as a Markdown table and an SVG picture")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.ISOLATION_MATRIX)
class MatrixRenderersTest {
    private final MatrixResult green = Observations.result(e -> false);
    private final MatrixResult red = Observations.result(Observations.path("qdrant", "172.20.3.11", 3000));

    @Test
    void theMarkdownTableHasARowPerSourceAndAColumnPerDestinationAddress() {
        String md = MatrixMarkdown.render(green);
        List<String> rows = Arrays.stream(md.split("\n")).filter(l -> l.startsWith("| ")).toList();
        // header + 12 sources; 17 service addresses (ports share a cell) + the sentinel + 4 host bridges
        assertThat(rows).hasSize(13);
        assertThat(rows.get(0)).startsWith("| source ＼ destination | caddy<br>172.20.1.10:80,443 frontend |")
                .contains("| internet sentinel<br>198.51.100.1 internet |")
                .contains("| Docker host<br>172.20.2.1 backend |");
        assertThat(rows).allSatisfy(r -> assertThat(r.chars().filter(c -> c == '|').count()).isEqualTo(24));
        assertThat(md).contains("| postgresql | · | ✓ | — |")
                .contains("| qdrant *(stand-in)* |")
                .contains("| diun *(stand-in)* |" + " |".repeat(17) + " ✓ |" + " |".repeat(4))
                .contains("Legend: ✓ reachable").contains("## Violations\n\nNone.\n");
        assertThat(rows).noneMatch(r -> r.contains("✗"));
    }

    @Test
    void aViolationIsACrossInItsCellAndASentenceBelow() {
        String md = MatrixMarkdown.render(red);
        assertThat(md).contains("1 violation, 12 waived")
                .contains("- `isolation.service-to-service` Expecting qdrant → grafana 172.20.3.11:3000 to be unreachable "
                        + "but it connected (environment offline).");
        String qdrant = Arrays.stream(md.split("\n")).filter(l -> l.startsWith("| qdrant")).findFirst().orElseThrow();
        assertThat(qdrant.chars().filter(c -> c == '✗').count()).isEqualTo(1);
        assertThat(md).contains("## Waived\n\n- `isolation.host-reachable-from-internal` Expecting caddy → Docker host 172.20.2.1:");
    }

    @Test
    void theSvgIsWellFormedWithOneCellPerRowAndColumnAndRedOnlyForTheViolation() throws Exception {
        Document green = parse(MatrixSvg.render(this.green));
        Document red = parse(MatrixSvg.render(this.red));
        assertThat(cells(green, null)).isEqualTo(12 * 22);
        assertThat(cells(green, MatrixSvg.FILL.get(MatrixGrid.Cell.VIOLATION))).isZero();
        assertThat(cells(red, MatrixSvg.FILL.get(MatrixGrid.Cell.VIOLATION))).isEqualTo(1);
        assertThat(cells(green, MatrixSvg.FILL.get(MatrixGrid.Cell.WAIVED))).isPositive();
        assertThat(MatrixSvg.render(this.green)).contains(">qdrant (stand-in)</text>").contains(">postgresql</text>");
    }

    @Test
    void svgLabelsAreEscaped() {
        assertThat(MatrixSvg.escape("a<b & \"c\">")).isEqualTo("a&lt;b &amp; &quot;c&quot;&gt;");
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** Grid cells (rects inside a g), optionally only those of one fill. */
    private static long cells(Document svg, String fill) {
        NodeList rects = svg.getElementsByTagName("rect");
        long n = 0;
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            if (rect.getParentNode().getNodeName().equals("g") && (fill == null || fill.equals(rect.getAttribute("fill")))) {
                n++;
            }
        }
        return n;
    }
}
