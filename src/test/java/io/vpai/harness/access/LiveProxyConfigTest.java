package io.vpai.harness.access;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.inventory.DockerOutputException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The comparison of Caddy's running configuration with the adapted Caddyfile, on JSON text alone. */
@Tag("gate")
@DisplayName("The running proxy's configuration compared with the adapted Caddyfile")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.ACCESS_PROBES)
class LiveProxyConfigTest {
    private static final String CONFIG = """
            {"apps": {"http": {"servers": {"srv0": {"routes": [
              {"match": [{"host": ["n8n.example"]}], "handle": [{"handler": "subroute", "routes": [
                {"match": [{"not": [{"remote_ip": {"ranges": ["100.64.0.0/10", "127.0.0.1/8"]}}]}],
                 "handle": [{"handler": "static_response", "status_code": 403}]}]}]}]}}}}}
            """;

    @Test
    void equalConfigurationsHaveNoDifferences() {
        assertThat(LiveProxyConfig.differences(CONFIG, CONFIG.replace("\n", ""))).isEmpty();
    }

    @Test
    void aChangedValueIsNamedByItsPath() {
        String live = CONFIG.replace("403", "200").replace("\"127.0.0.1/8\"", "\"0.0.0.0/0\"");
        assertThat(LiveProxyConfig.differences(CONFIG, live)).containsExactly(
                "/apps/http/servers/srv0/routes/0/handle/0/routes/0/handle/0/status_code: expected 403 but the proxy runs 200",
                "/apps/http/servers/srv0/routes/0/handle/0/routes/0/match/0/not/0/remote_ip/ranges/1: expected 127.0.0.1/8"
                        + " but the proxy runs 0.0.0.0/0");
        assertThat(LiveProxyConfig.differences("{\"a\": 1}", "{}")).containsExactly("/a: expected 1 but the proxy runs nothing");
    }

    @Test
    void allowListsAreTheRangesUnderNot() {
        assertThat(LiveProxyConfig.allowLists(CONFIG)).containsExactly(List.of("100.64.0.0/10", "127.0.0.1/8"));
        assertThat(LiveProxyConfig.allowLists("{\"remote_ip\": {\"ranges\": [\"10.0.0.0/8\"]}}")).isEmpty();
    }

    @Test
    void malformedJsonIsOneLineNamingWhichConfiguration() {
        DockerOutputException e = catchThrowableOfType(DockerOutputException.class,
                () -> LiveProxyConfig.differences(CONFIG, "{\"apps\": "));
        assertThat(e.getMessage()).startsWith("cannot read the running configuration as JSON: ").doesNotContain("\n");
        assertThat(catchThrowableOfType(DockerOutputException.class, () -> LiveProxyConfig.allowLists("<html>")))
                .hasMessageStartingWith("cannot read a Caddy configuration as JSON: ");
    }
}
