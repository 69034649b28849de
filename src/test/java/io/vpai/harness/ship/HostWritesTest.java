package io.vpai.harness.ship;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.ssh.SshException;
import io.vpai.harness.stack.TestSecrets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.vpai.harness.ship.LocalHosts.smoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What a ship does to a host's files, run for real on this machine's disk (no Docker: nothing is started here). */
@Tag("gate")
@DisplayName("Installing a render on a host")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.SHIPPING)
class HostWritesTest {
    private static final Release V1 = LocalHosts.render();
    private static final Release V2 = LocalHosts.variant("# v2");

    @TempDir
    Path root;
    private LocalHosts hosts;
    private ShipHost preprod;
    private HostWrites writes;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void preprod() {
        hosts = new LocalHosts(root);
        preprod = hosts.host(hosts.preprod);
        writes = HostWrites.onPreprod(preprod, preprod.target().requireDestructive("test"));
    }

    private TreeListing tree(ShipHost host, String directory) {
        return host.listing(directory).orElseThrow(() -> new AssertionError("no " + directory));
    }

    @Test
    @DisplayName("the first install lays the render down byte for byte and gives preprod a fresh .env (mode 600, unlogged)")
    void firstInstall() throws Exception {
        writes.install(V1, log::add);
        assertThat(tree(preprod, preprod.composeDirectory()).hash()).isEqualTo(V1.hash());
        assertThat(preprod.listing(preprod.previousDirectory())).as("nothing was there before").isEmpty();
        Path env = root.resolve("preprod/compose").resolve(ShipHost.ENV_IN_TREE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
        Set<String> referenced = TestSecrets.referencedIn(V1.composeText());
        assertThat(preprod.envVariables()).contains(new java.util.LinkedHashSet<>(referenced));
        List<String> values = Files.readAllLines(env).stream().filter(l -> l.contains("=")).map(l -> l.split("=", 2)[1]).toList();
        assertThat(values).isNotEmpty().allSatisfy(value -> assertThat(log).noneMatch(line -> line.contains(value)));
    }

    @Test
    @DisplayName("the next install keeps the tree it replaces as compose.previous, drops hand-added files, and keeps the .env")
    void nextInstallKeepsThePrevious() throws Exception {
        writes.install(V1, log::add);
        Path stray = root.resolve("preprod/compose/stray.txt");
        Files.writeString(stray, "added by hand\n");
        Path env = root.resolve("preprod/compose").resolve(ShipHost.ENV_IN_TREE);
        String envBefore = Files.readString(env);
        writes.install(V2, log::add);
        assertThat(tree(preprod, preprod.composeDirectory()).hash()).isEqualTo(V2.hash());
        assertThat(tree(preprod, preprod.previousDirectory()).differencesFrom(V1.listing()))
                .containsExactly("stray.txt is not in the render");
        assertThat(Files.readString(env)).isEqualTo(envBefore);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
        assertThat(Files.exists(root.resolve("preprod/compose.next"))).isFalse();
    }

    @Test
    @DisplayName("production: no .env is a refusal, since ship never writes production's secrets")
    void productionNeedsItsEnv() {
        hosts.smokes(smoke(V1, true, "2026-06-01T09:00:00Z"));
        ShipHost production = hosts.host(hosts.production);
        HostWrites productionWrites = HostWrites.onProduction(DeployAccess.grant(preprod, V1.hash(), production,
                ShipStage.DEPLOY_PRODUCTION));
        assertThat(catchThrowableOfType(SshException.class, () -> productionWrites.install(V1, log::add)))
                .hasMessageContaining("production has no").hasMessageContaining("ship never writes one");
        assertThat(production.listing(production.composeDirectory())).isEmpty();
    }

    @Test
    @DisplayName("rolling back swaps the two trees, so a second rollback undoes the first; the current .env stays")
    void swapBothWays() throws Exception {
        hosts.smokes(smoke(V1, true, "2026-06-01T08:00:00Z"), smoke(V2, true, "2026-06-01T09:00:00Z"));
        ShipHost production = hosts.host(hosts.production);
        hosts.env(hosts.production, "compose", List.of("A"));
        HostWrites.onProduction(DeployAccess.grant(preprod, V1.hash(), production, ShipStage.DEPLOY_PRODUCTION))
                .install(V1, log::add);
        HostWrites.onProduction(DeployAccess.grant(preprod, V2.hash(), production, ShipStage.DEPLOY_PRODUCTION))
                .install(V2, log::add);
        hosts.env(hosts.production, "compose", List.of("A", "B"));

        HostWrites.onProduction(DeployAccess.grant(preprod, V1.hash(), production, ShipStage.ROLL_BACK_PRODUCTION))
                .swapWithPrevious(V1.hash());
        assertThat(tree(production, production.composeDirectory()).hash()).isEqualTo(V1.hash());
        assertThat(tree(production, production.previousDirectory()).hash()).isEqualTo(V2.hash());
        assertThat(production.envVariables()).contains(Set.of("A", "B"));

        HostWrites.onProduction(DeployAccess.grant(preprod, V2.hash(), production, ShipStage.ROLL_BACK_PRODUCTION))
                .swapWithPrevious(V2.hash());
        assertThat(tree(production, production.composeDirectory()).hash()).isEqualTo(V2.hash());
        assertThat(tree(production, production.previousDirectory()).hash()).isEqualTo(V1.hash());
    }

    @Test
    @DisplayName("records are appended as lines the ledger reads back")
    void recordsAppend() {
        writes.record(new Ledger.Change(Instant.parse("2026-06-01T08:00:00Z"), Ledger.SHIP, V1.hash()));
        writes.record(new Ledger.SmokeRun(Instant.parse("2026-06-01T08:05:00Z"), true, V1.hash(), "3 passed, 0 failed, 0 skipped"));
        Ledger ledger = Ledger.read(preprod);
        assertThat(ledger.current()).contains(V1.hash());
        assertThat(ledger.lastSmokeOf(V1.hash())).map(Ledger.SmokeRun::summary).contains("3 passed, 0 failed, 0 skipped");
    }
}
