package io.vpai.harness.render;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Caddy (Debian's 2.6.2 is the validation baseline) adapts the test-mode Caddyfiles and finds
 * every variant canonically formatted. The shipped DNS-01 variant needs the ovh DNS module, which
 * Debian's build lacks: with that build, adapting must fail on that module and nothing else.
 */
@Tag("gate")
@DisplayName("The real Caddy adapts and formats the rendered Caddyfiles")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.REAL_TOOLS)
class CaddyToolTest {
    private static final String INSTALL = "apt-get install caddy";
    @TempDir
    Path dir;

    private Path write(TlsMode tls) throws Exception {
        Path file = dir.resolve("Caddyfile-" + tls);
        Files.writeString(file, new CaddyfileRenderer(tls).caddyfile(VpaiStack.model()));
        return file;
    }

    private ExternalTool.Result caddy(String... arguments) throws Exception {
        Path tool = ExternalTool.require("caddy", INSTALL);
        List<String> command = new java.util.ArrayList<>(List.of(tool.toString()));
        command.addAll(List.of(arguments));
        // Adapting writes nothing, but keep Caddy's state under the temporary directory anyway.
        return ExternalTool.run(command, dir, Map.of("HOME", dir.toString(), "XDG_DATA_HOME", dir.toString(),
                "XDG_CONFIG_HOME", dir.toString()));
    }

    @ParameterizedTest(name = "the {0} Caddyfile")
    @DisplayName("caddy adapt accepts")
    @EnumSource(value = TlsMode.class, names = {"INTERNAL", "NONE"})
    void adapts(TlsMode tls) throws Exception {
        Path file = write(tls);

        ExternalTool.Result result = caddy("adapt", "--config", file.toString(), "--adapter", "caddyfile");

        assertThat(result.exitCode()).withFailMessage("caddy adapt rejected the %s Caddyfile:%n%s", tls, result.stderr()).isZero();
        assertThat(result.stdout()).contains("\"remote_ip\"").contains("\"reverse_proxy\"");
    }

    @ParameterizedTest(name = "the {0} Caddyfile unchanged")
    @DisplayName("caddy fmt leaves")
    @EnumSource(TlsMode.class)
    void isCanonicallyFormatted(TlsMode tls) throws Exception {
        Path file = write(tls);

        ExternalTool.Result result = caddy("fmt", file.toString());

        assertThat(result.exitCode()).withFailMessage("caddy fmt failed: %s", result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo(Files.readString(file));
    }

    @Test
    void theShippedCaddyfileFailsOnlyForWantOfTheOvhModule() throws Exception {
        Path file = write(TlsMode.DNS01_OVH);

        ExternalTool.Result result = caddy("adapt", "--config", file.toString(), "--adapter", "caddyfile");

        if (result.exitCode() != 0) {
            assertThat(result.stderr()).contains("dns.providers.ovh").contains("not registered");
        }
    }
}
