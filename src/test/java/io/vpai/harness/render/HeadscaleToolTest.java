package io.vpai.harness.render;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.check.Finding;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.check.Status;
import io.vpai.harness.gate.rendered.RealToolsRule;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Tailnet;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Headscale (built by .ci/provision at the model's pin) reads the shipped config.yaml: its
 * {@code configtest} builds the whole server from it. The twins are files Headscale refuses, so a
 * config test that accepted anything would fail here.
 */
@Tag("gate")
@DisplayName("The real headscale configtest accepts the shipped config.yaml and refuses broken ones")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.REAL_TOOLS)
class HeadscaleToolTest {
    private static final String INSTALL = ".ci/provision (go build of src/main/go/headscale)";
    private final Stack model = VpaiStack.model();
    @TempDir
    Path dir;

    private ExternalTool.Result configtest(Stack stack) throws Exception {
        Path tool = ExternalTool.require("headscale", INSTALL);
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, new HeadscaleConfigRenderer().render(stack).get(0).content());
        return ExternalTool.run(List.of(tool.toString(), "--config", config.toString(), "configtest"), dir, Map.of(
                "HEADSCALE_DATABASE_SQLITE_PATH", dir.resolve("db.sqlite").toString(),
                "HEADSCALE_NOISE_PRIVATE_KEY_PATH", dir.resolve("noise.key").toString(),
                "HEADSCALE_DERP_SERVER_PRIVATE_KEY_PATH", dir.resolve("derp.key").toString(),
                "HEADSCALE_UNIX_SOCKET", dir.resolve("headscale.sock").toString()));
    }

    @Test
    void theShippedConfigPasses() throws Exception {
        ExternalTool.Result result = configtest(model);

        assertThat(result.exitCode()).withFailMessage("headscale configtest rejected the shipped config:%n%s%s",
                result.stdout(), result.stderr()).isZero();
    }

    @Test
    void aBaseDomainHoldingTheServerUrlIsRefused() throws Exception {
        Tailnet t = model.tailnet();
        Stack broken = model.withTailnet(new Tailnet(t.controlUrl(), t.headscaleImage(), t.prefix(), t.magicDnsResolver(),
                VpaiStack.DOMAIN, t.magicDns(), t.overrideLocalDns(), t.configPath(), t.server(), t.nodes()));

        ExternalTool.Result result = configtest(broken);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stdout() + result.stderr()).contains("base_domain");
    }

    @Test
    void overridingLocalDnsWithoutUpstreamsIsRefused() throws Exception {
        Tailnet t = model.tailnet();
        Tailnet.ControlServer s = t.server();
        Stack broken = model.withTailnet(new Tailnet(t.controlUrl(), t.headscaleImage(), t.prefix(), t.magicDnsResolver(),
                t.baseDomain(), t.magicDns(), true, t.configPath(),
                new Tailnet.ControlServer(s.listenPort(), s.stunPort(), s.derpRegionId(), s.derpRegionCode(), List.of()),
                t.nodes()));

        ExternalTool.Result result = configtest(broken);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stdout() + result.stderr()).contains("dns.nameservers.global");
    }

    @Test
    void theGateRunsItAndNamesTheFile() throws Exception {
        Path tool = ExternalTool.require("headscale", INSTALL);
        RealToolsRule rule = new RealToolsRule(false, tool.getParent().toString());

        List<Finding> findings = rule.evaluate(model).stream()
                .filter(f -> f.subject().equals(HeadscaleConfigRenderer.PATH)).toList();

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.PASS);
            assertThat(f.message()).isEqualTo("headscale configtest accepts it");
        });
    }

    @Test
    void theGoModuleBuildsTheModelsPin() throws Exception {
        String goMod = Files.readString(Path.of("src/main/go/headscale/go.mod"));

        assertThat(goMod).containsPattern("(?m)^require github.com/juanfont/headscale v"
                + java.util.regex.Pattern.quote(model.tailnet().headscaleImage().tag()) + "$");
    }

    @Test
    void theInstalledHeadscaleIsTheModelsPin() throws Exception {
        Path tool = ExternalTool.require("headscale", INSTALL);

        ExternalTool.Result result = ExternalTool.run(List.of(tool.toString(), "version"), dir, Map.of());

        assertThat(result.stdout().strip()).isEqualTo("v" + model.tailnet().headscaleImage().tag());
    }
}
