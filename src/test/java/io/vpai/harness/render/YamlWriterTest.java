package io.vpai.harness.render;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The emitted YAML reads back, through SnakeYAML, as exactly the strings that were written. */
@Tag("gate")
@DisplayName("Emitted YAML reads back as exactly the strings written")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.RENDERING)
class YamlWriterTest {

    @Test
    void stringsAYaml11ReaderWouldRetypeAreQuoted() {
        List<String> tricky = List.of("yes", "no", "on", "off", "true", "Null", "~", "80:80", "443:443/udp", "5s", "0 */6 * * *",
                "1.1.1.1", "-x", "--flag", "a: b", "#comment", "quote\"d", "back\\slash", "", " padded ", "${VAR}", "@at", "*star",
                "&anchor", "!tag", "%percent", "010", "0x1F", "1e3", ".inf", "y", "n", "plain-word", "/abs/path", "ünïcode");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("values", tricky);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("key", "value");
        nested.put("list", List.of(Map.of("subnet", "172.20.1.0/24")));
        nested.put("empty", Map.of());
        nested.put("none", List.of());
        nested.put("count", 10);
        nested.put("flag", true);
        document.put("nested", nested);

        Map<String, Object> read = Rendered.yaml(YamlWriter.emit(document, Set.of("nested")));

        assertThat(read).isEqualTo(document);
    }

    @Test
    void plainWhereNothingCouldBeMisread() {
        assertThat(YamlWriter.scalar("unless-stopped")).isEqualTo("unless-stopped");
        assertThat(YamlWriter.scalar("service_healthy")).isEqualTo("service_healthy");
        assertThat(YamlWriter.scalar("80:80")).isEqualTo("\"80:80\"");
        assertThat(YamlWriter.scalar("yes")).isEqualTo("\"yes\"");
    }
}
