package io.vpai.harness.inventory;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Malformed output from the docker CLI is one clear line, never a stack of parser text or a half-read list. */
@Tag("gate")
@DisplayName("Malformed docker CLI output is one clear line")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.INVENTORY_READING)
class DockerJsonTest {
    @ParameterizedTest(name = "when it prints {0}")
    @DisplayName("malformed docker inspect output is one line")
    @ValueSource(strings = {
            "[{\"Id\": \"a\"",                          // cut off: the CLI was killed mid-print
            "[{\"Id\": \"a\"}] trailing",                // a warning printed after the JSON
            "[{\"Id\": 'a'}]",                          // not JSON quoting
            "Error response from daemon: No such container: x",
            "[{\"Id\": \"a\",}]"})
    void malformedInspectOutputIsOneLine(String text) {
        DockerOutputException e = catchThrowableOfType(DockerOutputException.class, () -> InspectedContainer.parse(text));
        assertThat(e).as("%s", text).isNotNull();
        assertThat(e.getMessage()).startsWith("cannot read docker inspect output as JSON: ").doesNotContain("\n")
                .contains("(line 1, column ");
    }

    @Test
    void jsonOfTheWrongShapeSaysSo() {
        assertThat(catchThrowableOfType(DockerOutputException.class, () -> InspectedContainer.parse("{\"Id\": \"a\"}")))
                .hasMessage("docker inspect output is not a JSON array");
        assertThat(catchThrowableOfType(DockerOutputException.class, () -> InspectedContainer.parse("")))
                .hasMessage("docker inspect output is not a JSON array");
        assertThat(catchThrowableOfType(DockerOutputException.class, () -> DockerJson.object("[1]", "an event")))
                .hasMessage("an event is not a JSON object");
        DockerOutputException wrongType = catchThrowableOfType(DockerOutputException.class,
                () -> InspectedContainer.parse("[{\"State\": {\"Running\": {\"no\": 1}}}]"));
        assertThat(wrongType.getMessage()).startsWith("cannot read docker inspect output as JSON: ").doesNotContain("\n");
    }

    @Test
    void anEmptyArrayAndMissingSectionsReadAsNothing() {
        assertThat(InspectedContainer.parse("[]")).isEmpty();
        InspectedContainer bare = InspectedContainer.parse("[{\"Id\": \"x\", \"Unknown\": {\"New\": true}}]").get(0);
        assertThat(bare.id()).isEqualTo("x");
        assertThat(bare.service()).isEmpty();
        assertThat(bare.state()).isEmpty();
        assertThat(bare.restart()).isEqualTo("no");
        assertThat(bare.networks()).isEmpty();
        assertThat(bare.ports()).isEmpty();
        assertThat(bare.healthcheck()).isEmpty();
    }

    @Test
    void mountsAreReadOnlyOnlyWhenDockerSaysSo() {
        InspectedContainer c = InspectedContainer.parse("""
                [{"Mounts": [{"Type": "bind", "Source": "/run/docker.sock", "Destination": "/var/run/docker.sock", "RW": false},
                             {"Type": "volume", "Source": "v", "Destination": "/data"}],
                  "HostConfig": {"PortBindings": {"80/tcp": null}, "RestartPolicy": {"Name": "unless-stopped"}}}]
                """).get(0);
        assertThat(c.mounts()).containsExactly("/data volume", "/var/run/docker.sock bind ro <- /run/docker.sock");
        assertThat(c.ports()).isEmpty();
        assertThat(c.restart()).isEqualTo("unless-stopped");
    }

    @Test
    void openShapesReadAsMapsAndNumbersKeepTheirKind() {
        Map<String, Object> event = DockerJson.object("{\"time\": 1700000001, \"timeNano\": 1700000001500000000,"
                + " \"Actor\": {\"Attributes\": {\"name\": \"x\"}}}", "an event");
        assertThat(DockerJson.at(event, "time")).contains(1700000001);
        assertThat(DockerJson.at(event, "timeNano")).contains(1700000001500000000L);
        assertThat(DockerJson.string(event, "Actor.Attributes.name")).isEqualTo("x");
        assertThat(DockerJson.list(event, "Actor.Missing")).isEqualTo(List.of());
    }
}
