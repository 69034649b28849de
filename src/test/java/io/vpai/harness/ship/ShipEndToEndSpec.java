package io.vpai.harness.ship;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.gate.Gate;
import io.vpai.harness.ssh.LocalShipHosts;
import io.vpai.harness.support.RequiresDocker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static io.vpai.harness.engine.ShellWords.quote;
import static io.vpai.harness.ship.LocalHosts.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Ship end to end, against two sshd containers standing for preprod and production that run the offline stack on this
 * machine's engine ({@link LocalShipHosts#withStack}): one cold bring-up (the first deploy to preprod), then every
 * later deploy converges the running containers with the same bytes, so the whole story — the confirmation, the same
 * bytes on production, the seeded data in the smoke, a host ahead, a red smoke, a rollback — costs one stack. The
 * renders differ only in {@code ARCHITECTURE.md}: different renders, the same containers. (That a second rollback
 * undoes the first is the swap {@code HostWritesTest} shows on disk.) Holds the machine lock, so it runs in its own
 * JVM (surefire's {@code isolated} execution), after the shared stack is gone.
 */
@Tag("isolated")
@Tag("ssh")
@RequiresDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Ship end to end: preprod, production, rollback")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.SHIPPING)
class ShipEndToEndSpec {
    private static final Release V0 = LocalHosts.variant("# release 0");
    private static final Release V1 = LocalHosts.variant("# release 1");
    private static final Release V2 = LocalHosts.variant("# release 2");
    private static final String SEED_TABLE = "harness_ship_seed";

    private LocalShipHosts hosts;
    private final List<String> log = new ArrayList<>();

    @BeforeAll
    void startHosts() {
        long start = System.nanoTime();
        hosts = LocalShipHosts.withStack(Path.of("").toAbsolutePath(), MODEL, line -> System.out.println("[ship-e2e] " + line));
        took("the two hosts", start);
    }

    @AfterAll
    void stopHosts() {
        if (hosts != null) {
            long start = System.nanoTime();
            hosts.close();
            took("teardown", start);
        }
    }

    private Ship ship() {
        return new Ship(MODEL, hosts.preprod(), hosts.production(),
                new Ship.Timeouts(Duration.ofMinutes(10), Duration.ofMinutes(4)), Stages.plain(), line -> {
                    log.add(line);
                    System.out.println("[ship-e2e] " + line);
                }, Clock.systemUTC());
    }

    private Optional<Confirmation> confirmed() {
        return Optional.of(Confirmation.of("127.0.0.1", hosts.production().endpoint()));
    }

    /** The gate's model rules, for real (the project rules judge compose/ on disk, which these renders are not). */
    private static final Supplier<io.vpai.harness.gate.GateReport> GATE = () -> Gate.run(MODEL);

    private static void took(String what, long start) {
        System.out.println("[ship-e2e] " + what + " took " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
    }

    private <T> T read(ShipHost.Spec spec, java.util.function.Function<ShipHost, T> reading) {
        try (ShipHost host = ShipHost.connect(spec, MODEL)) {
            return reading.apply(host);
        }
    }

    private Optional<RenderHash> tree(ShipHost.Spec spec, boolean previous) {
        return read(spec, h -> h.listing(previous ? h.previousDirectory() : h.composeDirectory()).filter(t -> !t.isEmpty())
                .map(TreeListing::hash));
    }

    private Ledger ledger(ShipHost.Spec spec) {
        return read(spec, Ledger::read);
    }

    private void sh(ShipHost.Spec spec, String script) {
        ShellResult result = hosts.exec(spec, script);
        assertThat(result.ok()).as("%s: %s", script, result.output()).isTrue();
    }

    private void manifest(long rows) {
        String directory = hosts.preprod().settings().deployDirectory() + "/seed";
        sh(hosts.preprod(), "mkdir -p " + quote(directory) + " && printf 'postgres vpai " + SEED_TABLE + " " + rows
                + "\\n' > " + quote(directory + "/manifest.tsv"));
    }

    @Test
    @Order(1)
    @DisplayName("without a confirmation: preprod deployed and smoked green, the verdict recorded there, production untouched")
    void preprodOnly() {
        long start = System.nanoTime();
        assertThat(ship().ship(V0, GATE, Optional.empty())).isEqualTo(Ship.Outcome.PREPROD_ONLY);
        took("ship to preprod (cold bring-up, smoke)", start);
        assertThat(tree(hosts.preprod(), false)).contains(V0.hash());
        Ledger preprod = ledger(hosts.preprod());
        assertThat(preprod.current()).contains(V0.hash());
        assertThat(preprod.lastSmokeOf(V0.hash())).hasValueSatisfying(s -> {
            assertThat(s.green()).isTrue();
            assertThat(s.summary()).as("no seed manifest yet: the seed check is skipped, with its reason").endsWith(
                    " 0 failed, 1 skipped");
        });
        assertThat(ledger(hosts.production()).history()).isEmpty();
        assertThat(tree(hosts.production(), false)).as("production holds only its .env").isEmpty();
        assertThat(log).anyMatch(l -> l.startsWith("production not touched: render " + V0.hash()));
    }

    @Test
    @Order(2)
    @DisplayName("with the confirmation: the bytes preprod smoked go to production, which passes its check")
    void toProduction() {
        long start = System.nanoTime();
        assertThat(ship().ship(V0, GATE, confirmed())).isEqualTo(Ship.Outcome.SHIPPED);
        took("ship to production (preprod already at the render)", start);
        assertThat(log).contains("preprod-local already runs render " + V0.hash() + ": nothing uploaded");
        assertThat(tree(hosts.production(), false)).contains(V0.hash());
        assertThat(ledger(hosts.production()).history()).extracting(Ledger.Change::hash).containsExactly(V0.hash());
        assertThat(ledger(hosts.preprod()).smokedGreen(V0.hash())).isTrue();
        assertThat(log).anyMatch(l -> l.startsWith("production check green on production: "));
    }

    @Test
    @Order(3)
    @DisplayName("a new render: the smoke checks the seeded data, production keeps the tree it replaced")
    void aNewRender() {
        sh(hosts.preprod(), "docker exec -i $(docker ps -q --filter label=com.docker.compose.project="
                + hosts.preprod().settings().project() + " --filter label=com.docker.compose.service=postgresql) "
                + "psql -U postgres -d vpai -v ON_ERROR_STOP=1 -q -c " + quote("CREATE TABLE " + SEED_TABLE
                + " AS SELECT n AS id FROM generate_series(1, 4) AS n"));
        manifest(4);
        long start = System.nanoTime();
        assertThat(ship().ship(V1, GATE, confirmed())).isEqualTo(Ship.Outcome.SHIPPED);
        took("ship of a new render to both hosts", start);
        assertThat(ledger(hosts.preprod()).lastSmokeOf(V1.hash())).hasValueSatisfying(s -> assertThat(s.summary())
                .as("the seed check ran").endsWith(" 0 failed, 0 skipped"));
        assertThat(tree(hosts.production(), false)).contains(V1.hash());
        assertThat(tree(hosts.production(), true)).contains(V0.hash());
        assertThat(tree(hosts.preprod(), true)).contains(V0.hash());
        assertThat(ledger(hosts.production()).history()).extracting(Ledger.Change::hash).containsExactly(V0.hash(), V1.hash());
    }

    @Test
    @Order(4)
    @DisplayName("the older render again: refused, both hosts are ahead of it; nothing changed")
    void olderRenderRefused() {
        Ledger preprod = ledger(hosts.preprod());
        Ledger production = ledger(hosts.production());
        ShipRefused refused = catchThrowableOfType(ShipRefused.class, () -> ship().ship(V0, GATE, confirmed()));
        assertThat(refused.line()).startsWith("ship refused at 'check hosts': " + hosts.preprod().endpoint()
                + " is ahead of this render: it ran render " + V0.hash());
        assertThat(ledger(hosts.preprod())).isEqualTo(preprod);
        assertThat(ledger(hosts.production())).isEqualTo(production);
        assertThat(tree(hosts.production(), false)).contains(V1.hash());
    }

    @Test
    @Order(5)
    @DisplayName("a red smoke stops the ship: production untouched, preprod keeps the red render and its verdict")
    void redSmoke() {
        manifest(5);
        try {
            long start = System.nanoTime();
            ShipRefused refused = catchThrowableOfType(ShipRefused.class, () -> ship().ship(V2, GATE, confirmed()));
            took("ship refused by a red smoke", start);
            assertThat(refused.line()).startsWith("ship refused at 'smoke on preprod': the smoke of render " + V2.hash())
                    .contains("seed.rows-present", "but it holds 4", "production untouched").doesNotContain("\n");
        } finally {
            manifest(4);
        }
        assertThat(tree(hosts.production(), false)).contains(V1.hash());
        assertThat(ledger(hosts.production()).current()).contains(V1.hash());
        Ledger preprod = ledger(hosts.preprod());
        assertThat(preprod.current()).contains(V2.hash());
        assertThat(preprod.lastSmokeOf(V2.hash())).hasValueSatisfying(s -> assertThat(s.green()).isFalse());
    }

    @Test
    @Order(6)
    @DisplayName("rollback restores production's previous tree, checked; preprod is left as it is")
    void rollback() {
        long start = System.nanoTime();
        assertThat(ship().rollback(confirmed().orElseThrow())).isEqualTo(Ship.Outcome.ROLLED_BACK);
        took("rollback", start);
        assertThat(tree(hosts.production(), false)).contains(V0.hash());
        assertThat(tree(hosts.production(), true)).contains(V1.hash());
        assertThat(ledger(hosts.production()).lastChange()).hasValueSatisfying(c -> {
            assertThat(c.action()).isEqualTo("rollback");
            assertThat(c.hash()).isEqualTo(V0.hash());
        });
        assertThat(ledger(hosts.preprod()).current()).contains(V2.hash());
        assertThat(log).anyMatch(l -> l.startsWith("production check green on production: "));
    }
}
