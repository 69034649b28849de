package io.vpai.harness.environment;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.StringReader;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The record binding on its own: keys from components, lines kept for later checks, one-line errors. */
@Tag("gate")
@DisplayName("YAML bound to records, each error one line with its place")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.ENVIRONMENT_FILES)
class YamlBinderTest {
    record Doc(String title, int count, boolean on, Inner inner, Map<String, Entry> entries) {
    }

    record Inner(String name, Optional<String> note) {
    }

    @YamlBinder.ExactlyOne({"a", "b"})
    record Entry(Optional<String> a, Optional<String> b) {
    }

    private static final String TEXT = """
            title: t
            count: 3
            on: true
            inner:
              name: n
            entries:
              z: { a: x }
              y: { b: w }
            """;

    private static <R extends Record> R bind(String text, Class<R> type, KeyLines lines) {
        YamlMapping top = YamlMapping.of("f.yaml", "", new Yaml().compose(new StringReader(text)));
        return YamlBinder.bind(top, type, lines);
    }

    private static EnvironmentException error(String text) {
        return catchThrowableOfType(EnvironmentException.class, () -> bind(text, Doc.class, new KeyLines("f.yaml")));
    }

    @Test
    void bindsEveryKindOfComponentAndKeepsTheLines() {
        KeyLines lines = new KeyLines("f.yaml");
        Doc doc = bind(TEXT, Doc.class, lines);
        assertThat(doc).isEqualTo(new Doc("t", 3, true, new Inner("n", Optional.empty()),
                Map.of("z", new Entry(Optional.of("x"), Optional.empty()), "y", new Entry(Optional.empty(), Optional.of("w")))));
        assertThat(doc.entries().keySet()).as("the file's order").containsExactly("z", "y");
        assertThat(lines.valueError("inner.name", "bad").getMessage()).isEqualTo("f.yaml:5: inner.name: bad");
        assertThat(lines.keyError("entries.y", "bad").getMessage()).isEqualTo("f.yaml:8: entries.y: bad");
        assertThat(lines.lackError("entries", "entries.x", "missing").getMessage()).isEqualTo("f.yaml:6: entries.x: missing");
        assertThat(YamlBinder.keys(Doc.class)).containsExactly("title", "count", "on", "inner", "entries");
    }

    @Test
    void unknownKeysAreRejectedNamingTheKeyAndItsLine() {
        assertThat(error(TEXT.replace("  name: n", "  name: n\n  nmae: m")).getMessage())
                .isEqualTo("f.yaml:6: inner.nmae: unknown key (expected: name, note)");
        assertThat(error(TEXT + "extra: 1\n").getMessage())
                .isEqualTo("f.yaml:9: extra: unknown key (expected: title, count, on, inner, entries)");
    }

    @Test
    void wrongTypesMissingKeysAndExactlyOneAreOneLineEach() {
        assertThat(error(TEXT.replace("count: 3", "count: three")).getMessage())
                .isEqualTo("f.yaml:2: count: expected a decimal integer, found the string 'three'");
        assertThat(error(TEXT.replace("title: t\n", "")).getMessage()).isEqualTo("f.yaml:1: title: missing (required)");
        assertThat(error(TEXT.replace("{ a: x }", "{ a: x, b: v }")).getMessage())
                .isEqualTo("f.yaml:7: entries.z: has both a and b; give exactly one");
        assertThat(error(TEXT.replace("  name: n", "  name: [n]")).getMessage())
                .isEqualTo("f.yaml:5: inner.name: expected a string, found a list");
    }
}
