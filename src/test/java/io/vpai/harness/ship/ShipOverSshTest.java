package io.vpai.harness.ship;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.gate.GateReport;
import io.vpai.harness.render.RenderedFile;
import io.vpai.harness.ssh.LocalShipHosts;
import io.vpai.harness.stack.TestSecrets;
import io.vpai.harness.support.BesideTheStack;
import io.vpai.harness.support.RequiresDocker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.vpai.harness.engine.ShellWords.quote;
import static io.vpai.harness.ship.LocalHosts.MODEL;
import static io.vpai.harness.ship.LocalHosts.shipped;
import static io.vpai.harness.ship.LocalHosts.smoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The refusals that need a real SSH door — a host that does not answer, a host key that is not the pinned one — and
 * the records read over SSH: two sshd containers standing for preprod and production, without Docker (no stack can
 * start: a ship that got past its refusal would fail at Compose). Each refusal is one line and leaves both hosts'
 * deploy directories as they were, looked at from inside the containers.
 */
@Tag("stack")
@Tag("ssh")
@RequiresDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Ship over SSH: refusals at the door")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.SHIPPING)
@BesideTheStack
class ShipOverSshTest {
    private static final Release V1 = LocalHosts.variant("# release 1");
    private static final Release V2 = LocalHosts.variant("# release 2");
    private static final String DIRECTORY = "/srv/vpai";

    @TempDir
    Path work;
    private LocalShipHosts hosts;

    @BeforeAll
    void startHosts(@TempDir Path directory) {
        hosts = LocalShipHosts.plain(Path.of("").toAbsolutePath(), directory, line -> System.out.println("[ship-ssh] " + line));
    }

    @AfterAll
    void stopHosts() {
        if (hosts != null) {
            hosts.close();
        }
    }

    /** Both hosts run V1 (tree, .env, history); preprod smoked V1 green. */
    @BeforeEach
    void bothRunV1() {
        for (ShipHost.Spec spec : List.of(hosts.preprod(), hosts.production())) {
            assertThat(hosts.exec(spec, "rm -rf " + DIRECTORY).ok()).isTrue();
            try (ShipHost host = ShipHost.connect(spec, MODEL)) {
                put(host, "compose", V1);
                String env = TestSecrets.referencedIn(V1.composeText()).stream().map(n -> n + "=x\n").collect(Collectors.joining());
                host.shell().write(host.envFile(), env.getBytes(StandardCharsets.UTF_8), 0600);
                append(host, host.historyFile(), shipped(V1, "2026-05-01T09:00:00Z").line());
                if (!spec.production()) {
                    append(host, host.smokeFile(), smoke(V1, true, "2026-05-01T08:30:00Z").line());
                }
            }
        }
    }

    private static void put(ShipHost host, String folder, Release release) {
        for (RenderedFile file : release.files()) {
            host.shell().write(host.directory() + "/" + folder + "/" + file.path(), file.bytes(),
                    file.executable() ? 0755 : 0644);
        }
    }

    private static void append(ShipHost host, String file, String line) {
        ShellResult result = host.shell().run("mkdir -p " + quote(file.substring(0, file.lastIndexOf('/'))) + " && echo "
                + quote(line) + " >> " + quote(file), Duration.ofSeconds(10));
        assertThat(result.ok()).as(result.output()).isTrue();
    }

    /** Every file of a host's deploy directory with its mode and digest, read inside its container. */
    private String snapshot(ShipHost.Spec spec) {
        ShellResult listed = hosts.exec(spec, "cd " + DIRECTORY + " && find . -type f -printf '%m %p\\n' | sort"
                + " && find . -type f -exec sha256sum {} + | sort");
        assertThat(listed.ok()).as(listed.output()).isTrue();
        return listed.stdout();
    }

    private ShipRefused refusedWithNothingChanged(Ship ship, Release release) {
        String preprod = snapshot(hosts.preprod());
        String production = snapshot(hosts.production());
        ShipRefused refused = catchThrowableOfType(ShipRefused.class, () -> ship.ship(release,
                () -> new GateReport(LocalDate.now(), List.of()), Optional.of(Confirmation.of("127.0.0.1",
                        hosts.production().endpoint()))));
        assertThat(refused).as("the ship must refuse").isNotNull();
        System.out.println("[ship-ssh] " + refused.line());
        assertThat(refused.line()).doesNotContain("\n");
        assertThat(snapshot(hosts.preprod())).as("preprod, file by file").isEqualTo(preprod);
        assertThat(snapshot(hosts.production())).as("production, file by file").isEqualTo(production);
        return refused;
    }

    private Ship ship(ShipHost.Spec production) {
        return new Ship(MODEL, hosts.preprod(), production, new Ship.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)),
                Stages.plain(), line -> System.out.println("[ship-ssh] " + line), Clock.systemUTC());
    }

    @Test
    @DisplayName("production unreachable: refused at 'check hosts' naming the endpoint, preprod not deployed")
    void productionUnreachable() throws Exception {
        ShipHost.Spec unreachable = hosts.productionUnreachable();
        ShipRefused refused = refusedWithNothingChanged(ship(unreachable), V2);
        assertThat(refused.line()).startsWith("ship refused at 'check hosts': " + unreachable.endpoint()
                + ": connection refused by 127.0.0.1:" + unreachable.endpoint().port());
    }

    @Test
    @DisplayName("production presents a host key known_hosts does not hold: refused, naming the key it presented")
    void unknownHostKey() throws Exception {
        ShipRefused refused = refusedWithNothingChanged(ship(hosts.productionWithUnknownKey(work)), V2);
        assertThat(refused.line()).startsWith("ship refused at 'check hosts': ").contains("host key refused: 127.0.0.1:",
                "presented ssh-ed25519 SHA256:", "unknown host");
    }

    @Test
    @DisplayName("production ahead of the render, read over SSH: refused")
    void productionAhead() {
        try (ShipHost production = ShipHost.connect(hosts.production(), MODEL);
             ShipHost preprod = ShipHost.connect(hosts.preprod(), MODEL)) {
            put(production, "compose.next", V2);
            assertThat(production.shell().run("cd " + DIRECTORY + " && rm -rf compose.previous && cp -a compose/sese-ai/.env "
                    + "compose.next/sese-ai/ && mv compose compose.previous && mv compose.next compose", Duration.ofSeconds(10))
                    .ok()).isTrue();
            append(production, production.historyFile(), shipped(V2, "2026-05-02T09:00:00Z").line());
            append(preprod, preprod.smokeFile(), smoke(V2, true, "2026-05-02T08:30:00Z").line());
        }
        ShipRefused refused = refusedWithNothingChanged(ship(hosts.production()), V1);
        assertThat(refused.getMessage()).startsWith(hosts.production().endpoint() + " is ahead of this render: it ran render "
                + V1.hash());
    }

    @Test
    @DisplayName("preprod's records, read over SSH, grant production writes for the render smoked green and no other")
    void deployAccessOverSsh() {
        try (ShipHost preprod = ShipHost.connect(hosts.preprod(), MODEL);
             ShipHost production = ShipHost.connect(hosts.production(), MODEL)) {
            assertThat(DeployAccess.grant(preprod, V1.hash(), production, ShipStage.DEPLOY_PRODUCTION).hash())
                    .isEqualTo(V1.hash());
            assertThat(catchThrowableOfType(ShipRefused.class, () -> DeployAccess.grant(preprod, V2.hash(), production,
                    ShipStage.DEPLOY_PRODUCTION)).getMessage()).startsWith("hash mismatch: preprod");
        }
    }

    @Test
    @DisplayName("rollback to a tree preprod never smoked: refused over SSH, production untouched")
    void rollbackHashMismatch() {
        try (ShipHost production = ShipHost.connect(hosts.production(), MODEL)) {
            put(production, "compose.previous", V2);
        }
        String before = snapshot(hosts.production());
        ShipRefused refused = catchThrowableOfType(ShipRefused.class, () -> ship(hosts.production())
                .rollback(Confirmation.of("127.0.0.1", hosts.production().endpoint())));
        assertThat(refused.line()).startsWith("ship refused at 'roll back production': hash mismatch: preprod")
                .contains("no smoke recorded for render " + V2.hash());
        assertThat(snapshot(hosts.production())).isEqualTo(before);
    }
}
