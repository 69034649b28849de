package io.vpai.harness.ship;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.stack.TestSecrets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.vpai.harness.ship.LocalHosts.shipped;
import static io.vpai.harness.ship.LocalHosts.smoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The twins of the refusals: states that look close to a bad one and pass the check. */
@Tag("gate")
@DisplayName("Hosts that pass the check before a ship")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.SHIPPING)
class PreflightTest {
    private static final Release V1 = LocalHosts.render();
    private static final Release V2 = LocalHosts.variant("# v2");
    private static final Release V3 = LocalHosts.variant("# v3");

    @TempDir
    Path root;
    private LocalHosts hosts;

    @BeforeEach
    void bothRunV1() {
        hosts = new LocalHosts(root);
        for (ShipHost.Spec spec : new ShipHost.Spec[]{hosts.preprod, hosts.production}) {
            hosts.tree(spec, "compose", V1);
            hosts.env(spec, "compose", TestSecrets.referencedIn(V1.composeText()));
            hosts.history(spec, shipped(V1, "2026-05-01T08:00:00Z"));
        }
        hosts.smokes(smoke(V1, true, "2026-05-01T07:00:00Z"));
    }

    private void passes(Release release, boolean toProduction) {
        assertThatCode(() -> Preflight.forShip(hosts.host(hosts.preprod), hosts.host(hosts.production), release.hash(),
                release.composeText(), toProduction)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a render new to both hosts, and the render they already run")
    void newOrSameRender() {
        passes(V2, true);
        passes(V1, true);
    }

    @Test
    @DisplayName("a host that moved on to a render whose smoke was red is not ahead: going back to the green one passes")
    void movedOnToARedRender() {
        hosts.tree(hosts.preprod, "compose", V2);
        hosts.history(hosts.preprod, shipped(V2, "2026-05-02T08:00:00Z"));
        hosts.smokes(smoke(V2, false, "2026-05-02T08:10:00Z"));
        passes(V1, true);
    }

    @Test
    @DisplayName("production without a .env passes while production is not to be written")
    void productionEnvOnlyWhenWritten() throws Exception {
        Files.delete(root.resolve("production/compose").resolve(ShipHost.ENV_IN_TREE));
        passes(V2, false);
    }

    @Test
    @DisplayName("preprod without a .env passes: ship writes it a fresh one")
    void preprodWithoutEnv() throws Exception {
        Files.delete(root.resolve("preprod/compose").resolve(ShipHost.ENV_IN_TREE));
        passes(V3, true);
    }

    @Test
    @DisplayName("a rollback finds the previous tree, whatever render it holds")
    void rollbackFindsThePrevious() {
        hosts.tree(hosts.production, "compose.previous", V2);
        assertThat(Preflight.forRollback(hosts.host(hosts.production)).hash()).isEqualTo(V2.hash());
    }
}
