package io.vpai.harness.render;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.check.Finding;
import io.vpai.harness.check.Status;
import io.vpai.harness.gate.rendered.RealToolsRule;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Caddy — the model's pin with the OVH DNS module, built by .ci/provision — reads the Caddyfile with each
 * environment's imported file as the proxy does, and finds both canonically formatted. The twins are imports the real
 * tool must refuse: a DNS provider no module provides, a setting the OVH module does not know, no file at all.
 */
@Tag("gate")
@DisplayName("The real Caddy at the pin, with the OVH DNS module, adapts and formats the rendered Caddyfiles")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.REAL_TOOLS)
class CaddyToolTest {
    private static final String INSTALL = ".ci/provision (go build of src/main/go/caddy)";
    private final Stack model = VpaiStack.model();
    @TempDir
    Path dir;

    /** The Caddyfile and an imported file side by side, as in the proxy's /etc/caddy; returns the Caddyfile. */
    private Path write(String environment) throws Exception {
        Files.writeString(dir.resolve(CaddyfileRenderer.ENVIRONMENT_FILE), environment);
        return Files.writeString(dir.resolve(CaddyfileRenderer.FILE), CaddyfileRenderer.caddyfile(model));
    }

    private ExternalTool.Result caddy(String... arguments) throws Exception {
        Path tool = ExternalTool.require("caddy", INSTALL);
        List<String> command = new java.util.ArrayList<>(List.of(tool.toString()));
        command.addAll(List.of(arguments));
        // Adapting writes nothing, but keep Caddy's state under the temporary directory anyway.
        return ExternalTool.run(command, dir, Map.of("HOME", dir.toString(), "XDG_DATA_HOME", dir.toString(),
                "XDG_CONFIG_HOME", dir.toString()));
    }

    private ExternalTool.Result adapt(Path caddyfile) throws Exception {
        return caddy("adapt", "--config", caddyfile.toString(), "--adapter", "caddyfile");
    }

    @ParameterizedTest(name = "with the {0} import")
    @DisplayName("caddy adapt accepts the Caddyfile")
    @EnumSource(TlsMode.class)
    void adapts(TlsMode tls) throws Exception {
        Path file = write(CaddyfileRenderer.environmentFile(model, tls));

        ExternalTool.Result result = adapt(file);

        assertThat(result.exitCode()).withFailMessage("caddy adapt rejected the Caddyfile with the %s import:%n%s",
                tls, result.stderr()).isZero();
        assertThat(result.stdout()).contains("\"remote_ip\"").contains("\"reverse_proxy\"");
        // What the import says reaches the configuration: OVH's DNS challenge, or the local CA.
        String issuer = tls == TlsMode.DNS01_OVH ? "\"name\":\"ovh\"" : "\"module\":\"internal\"";
        String other = tls == TlsMode.DNS01_OVH ? "\"module\":\"internal\"" : "\"name\":\"ovh\"";
        assertThat(result.stdout()).contains(issuer).doesNotContain(other);
    }

    @Test
    void aDnsProviderNoModuleProvidesIsRefused() throws Exception {
        Path file = write(CaddyfileRenderer.environmentFile(model, TlsMode.DNS01_OVH).replace("acme_dns ovh", "acme_dns ovhcloud"));

        ExternalTool.Result result = adapt(file);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("dns.providers.ovhcloud").contains("not registered");
    }

    @Test
    void aSettingTheOvhModuleDoesNotKnowIsRefused() throws Exception {
        Path file = write(CaddyfileRenderer.environmentFile(model, TlsMode.DNS01_OVH).replace("consumer_key", "consumer_secret"));

        ExternalTool.Result result = adapt(file);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("consumer_secret");
    }

    @Test
    void withoutItsImportedFileTheCaddyfileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve(CaddyfileRenderer.FILE), CaddyfileRenderer.caddyfile(model));

        ExternalTool.Result result = adapt(file);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains(CaddyfileRenderer.ENVIRONMENT_FILE);
    }

    @ParameterizedTest(name = "with the {0} import unchanged")
    @DisplayName("caddy fmt leaves the Caddyfile")
    @EnumSource(TlsMode.class)
    void isCanonicallyFormatted(TlsMode tls) throws Exception {
        CaddyFiles files = CaddyfileRenderer.files(model, tls);
        for (Map.Entry<String, String> file : Map.of(CaddyfileRenderer.FILE, files.caddyfile(),
                CaddyfileRenderer.ENVIRONMENT_FILE, files.environment()).entrySet()) {
            Path written = Files.writeString(dir.resolve(file.getKey()), file.getValue());

            ExternalTool.Result result = caddy("fmt", written.toString());

            assertThat(result.exitCode()).withFailMessage("caddy fmt failed: %s", result.stderr()).isZero();
            assertThat(result.stdout()).as(file.getKey()).isEqualTo(file.getValue());
        }
    }

    @Test
    void theGateAdaptsTheShippedPairWithTheRealModule() throws Exception {
        Path tool = ExternalTool.require("caddy", INSTALL);

        List<Finding> findings = new RealToolsRule(false, tool.getParent().toString()).evaluate(model).stream()
                .filter(f -> f.subject().equals(CaddyfileRenderer.PATH)).toList();

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.PASS);
            assertThat(f.message()).isEqualTo("caddy adapt accepts the shipped Caddyfile and environment.caddy");
        });
    }

    @Test
    void theGateFailsACaddyThatLacksTheOvhModule() throws Exception {
        // A caddy answering as one without the module does (Debian's 2.6.2 said exactly this of the shipped file).
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path fake = Files.writeString(bin.resolve("caddy"), "#!/bin/sh\necho 'Error: getting module named "
                + "'\"'\"'dns.providers.ovh'\"'\"': module not registered: dns.providers.ovh' >&2\nexit 1\n");
        fake.toFile().setExecutable(true);

        List<Finding> findings = new RealToolsRule(false, bin.toString()).evaluate(model).stream()
                .filter(f -> f.subject().equals(CaddyfileRenderer.PATH)).toList();

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).contains("module not registered: dns.providers.ovh")
                    .contains(".ci/provision builds Caddy with the OVH DNS module");
        });
    }

    @Test
    void theGoModuleBuildsTheModelsPin() throws Exception {
        String goMod = Files.readString(Path.of("src/main/go/caddy/go.mod"));
        String pin = model.requireService(model.proxy().service()).image().version();

        assertThat(goMod).containsPattern("(?m)^\\s*github.com/caddyserver/caddy/v2 v" + Pattern.quote(pin) + "$")
                .containsPattern("(?m)^\\s*github.com/caddy-dns/ovh v\\S+$");
    }

    @Test
    void theInstalledCaddyIsTheModelsPinWithTheOvhModule() throws Exception {
        String pin = model.requireService(model.proxy().service()).image().version();

        assertThat(caddy("version").stdout()).startsWith("v" + pin + " ");
        assertThat(caddy("list-modules").stdout().lines()).contains("dns.providers.ovh");
    }
}
