package io.vpai.harness.ssh;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.environment.Environments;
import io.vpai.harness.environment.SshEnvironment;
import io.vpai.harness.model.ModelValidator;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.render.RenderAll;
import io.vpai.harness.render.RenderedFile;
import io.vpai.harness.render.SeseComposeRenderer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The production check over SSH: {@code environments/production.yaml} (read-only), {@code VPAI_PRODUCTION_HOST} from
 * the environment, the deploy key the seed names, the host key pinned by the committed known_hosts file. Only the
 * read-only checks run; destructive ones are refused by construction ({@link ProductionReadOnlySpec} shows that
 * without a connection). Runs only when asked for ({@code -Dvpai.env=production}); it needs no local Docker.
 */
@Tag("production")
@EnabledIfSystemProperty(named = "vpai.env", matches = "production",
        disabledReason = "production is checked only when asked for: -Dvpai.env=production")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Production check over SSH (read-only)")
@Epic(Behaviors.CONFORMANCE)
@Feature(Behaviors.PRODUCTION_READ_ONLY)
@Story("The read-only production check")
class ProductionCheckSpec {
    private SshTarget target;
    private List<RenderedFile> rendered;

    @BeforeAll
    void connect() {
        Stack model = ModelValidator.validate(VpaiStack.model());
        Path root = Path.of("").toAbsolutePath();
        SshEnvironment production = (SshEnvironment) Environments.load(root, SshEnvironment.PRODUCTION, model);
        rendered = RenderAll.render(model);
        target = SshTarget.connect(production.resolve(System.getenv()), model,
                SshSettings.fromSystemProperties(System.getProperty("vpai.ssh.probeImage", "vpai/probe")));
    }

    @AfterAll
    void disconnect() {
        if (target != null) {
            target.close();
        }
    }

    @TestFactory
    @DisplayName("production runs what was rendered and refuses every destructive step")
    Stream<DynamicNode> theReadOnlyChecks() {
        List<String> compose = rendered.stream().filter(f -> f.path().equals(SeseComposeRenderer.PATH))
                .map(RenderedFile::content).toList();
        return ProductionCheck.nodes(target, compose, LiveDrift.onHost(target.settings().deployDirectory(), rendered));
    }
}
