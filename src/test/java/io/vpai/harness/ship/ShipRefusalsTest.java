package io.vpai.harness.ship;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.check.Finding;
import io.vpai.harness.gate.GateReport;
import io.vpai.harness.gate.RuleResult;
import io.vpai.harness.ssh.SshException;
import io.vpai.harness.stack.TestSecrets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import static io.vpai.harness.ship.LocalHosts.shipped;
import static io.vpai.harness.ship.LocalHosts.smoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every refusal before a deploy, through the whole ship: one line naming the stage and the reason, and not one byte
 * changed on either host (both deploy directories compared file by file, mode included). The hosts are directories on
 * this machine reached through its shell; a ship that got past its refusal would reach Docker and fail the test.
 */
@Tag("gate")
@DisplayName("Ship refuses bad states and changes nothing")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.SHIPPING)
class ShipRefusalsTest {
    private static final Release V1 = LocalHosts.render();
    private static final Release V2 = LocalHosts.variant("# v2");
    private static final Supplier<GateReport> GREEN = () -> new GateReport(LocalDate.of(2026, 6, 1), List.of());

    @TempDir
    Path root;
    private LocalHosts hosts;
    private Map<String, String> before;

    @BeforeEach
    void hosts() {
        hosts = new LocalHosts(root);
    }

    private Set<String> variables() {
        return new TreeSet<>(TestSecrets.referencedIn(V1.composeText()));
    }

    /** Production runs V1, shipped after a green smoke; preprod runs V1 too; both have their .env. */
    private void bothRun(Release release) {
        hosts.tree(hosts.preprod, "compose", release);
        hosts.tree(hosts.production, "compose", release);
        hosts.env(hosts.preprod, "compose", variables());
        hosts.env(hosts.production, "compose", variables());
        hosts.history(hosts.preprod, shipped(release, "2026-05-01T08:00:00Z"));
        hosts.history(hosts.production, shipped(release, "2026-05-01T09:00:00Z"));
        hosts.smokes(smoke(release, true, "2026-05-01T08:30:00Z"));
    }

    private Optional<Confirmation> confirmed() {
        return Optional.of(Confirmation.of("production.example.invalid", hosts.production.endpoint()));
    }

    private ShipRefused ship(Release release, Optional<Confirmation> confirmation) {
        before = hosts.snapshot();
        ShipRefused refused = catchThrowableOfType(ShipRefused.class,
                () -> hosts.ship().ship(release, GREEN, confirmation));
        assertThat(refused).as("the ship must refuse").isNotNull();
        return refused;
    }

    private void nothingChanged(ShipRefused refused) {
        assertThat(refused.line()).doesNotContain("\n").startsWith("ship refused at '");
        assertThat(refused.afterChanges()).isFalse();
        assertThat(hosts.snapshot()).as("both hosts, file by file").isEqualTo(before);
    }

    @Test
    @DisplayName("gate red: refused at the gate, before either host is contacted")
    void gateRed() {
        bothRun(V1);
        GateReport red = new GateReport(LocalDate.of(2026, 6, 1), List.of(new RuleResult("render.drift", "compose/ is fresh",
                List.of(Finding.fail("render.drift", "compose/sese-ai/docker-compose.yml", "differs from a fresh render")))));
        before = hosts.snapshot();
        ShipRefused refused = catchThrowableOfType(ShipRefused.class, () -> hosts.ship(spec -> {
            throw new AssertionError("a host was contacted after a red gate");
        }).ship(V2, () -> red, confirmed()));
        assertThat(refused.line()).isEqualTo("ship refused at 'gate': the gate failed with 1 finding(s); first: render.drift "
                + "[compose/sese-ai/docker-compose.yml] differs from a fresh render (run the gate for the report)");
        nothingChanged(refused);
    }

    @Test
    @DisplayName("a host that cannot be reached (or whose key is refused): refused naming it, the other host left alone")
    void unreachable() {
        bothRun(V1);
        before = hosts.snapshot();
        ShipRefused refused = catchThrowableOfType(ShipRefused.class, () -> hosts.ship(spec -> {
            if (spec.production()) {
                throw new SshException(spec.endpoint() + ": connection refused by production.example.invalid:22");
            }
            return hosts.host(spec);
        }).ship(V2, GREEN, confirmed()));
        assertThat(refused.line()).isEqualTo("ship refused at 'check hosts': root@production.example.invalid:22 "
                + "(production): connection refused by production.example.invalid:22; nothing was changed");
        nothingChanged(refused);
    }

    @Test
    @DisplayName("production ahead: it ran this render and moved on to one preprod smoked green")
    void productionAhead() {
        bothRun(V1);
        hosts.tree(hosts.production, "compose", V2);
        hosts.history(hosts.production, shipped(V2, "2026-05-02T09:00:00Z"));
        hosts.smokes(smoke(V2, true, "2026-05-02T08:30:00Z"));
        ShipRefused refused = ship(V1, confirmed());
        assertThat(refused.line()).startsWith("ship refused at 'check hosts': root@production.example.invalid:22 "
                + "(production) is ahead of this render: it ran render " + V1.hash() + " (ship at 2026-05-01T09:00:00Z) and "
                + "has moved on to render " + V2.hash()).endsWith("(ship --rollback steps production back one render)");
        nothingChanged(refused);
    }

    @Test
    @DisplayName("preprod ahead: the same rule, whether or not production is to be written")
    void preprodAhead() {
        bothRun(V1);
        hosts.tree(hosts.preprod, "compose", V2);
        hosts.history(hosts.preprod, shipped(V2, "2026-05-02T08:00:00Z"));
        hosts.smokes(smoke(V2, true, "2026-05-02T08:30:00Z"));
        ShipRefused refused = ship(V1, Optional.empty());
        assertThat(refused.getMessage()).startsWith("root@preprod.example.invalid:22 (preprod) is ahead of this render");
        nothingChanged(refused);
    }

    @Test
    @DisplayName("a tree edited by hand since its ship: refused, naming what it holds and what it should")
    void editedByHand() throws Exception {
        bothRun(V1);
        Files.writeString(root.resolve("production/compose/ARCHITECTURE.md"), "edited on the host\n",
                java.nio.file.StandardOpenOption.APPEND);
        ShipRefused refused = ship(V2, confirmed());
        assertThat(refused.getMessage()).startsWith(root.resolve("production/compose") + " on root@production.example"
                + ".invalid:22 (production) is not render " + V1.hash() + ", which ").contains("but render ");
        nothingChanged(refused);
    }

    @Test
    @DisplayName("production without its .env, when production is to be written: ship never writes production's secrets")
    void productionWithoutEnv() throws Exception {
        bothRun(V1);
        Files.delete(root.resolve("production/compose").resolve(ShipHost.ENV_IN_TREE));
        ShipRefused refused = ship(V2, confirmed());
        assertThat(refused.getMessage()).startsWith("root@production.example.invalid:22 (production) has no ")
                .contains("ship never writes production's secrets");
        nothingChanged(refused);
    }

    @Test
    @DisplayName("a .env that lacks a variable the compose files reference: refused, naming the variables")
    void envLacksVariables() {
        bothRun(V1);
        Set<String> fewer = variables();
        String dropped = fewer.iterator().next();
        fewer.remove(dropped);
        hosts.env(hosts.preprod, "compose", fewer);
        ShipRefused refused = ship(V2, Optional.empty());
        assertThat(refused.getMessage()).contains("does not define " + dropped + ", which the compose files reference");
        nothingChanged(refused);
    }

    @Test
    @DisplayName("a record that cannot be read: refused, naming file and line")
    void unreadableRecord() throws Exception {
        bothRun(V1);
        Files.writeString(root.resolve("preprod/ship/smoke"), "garbage\n", java.nio.file.StandardOpenOption.APPEND);
        ShipRefused refused = ship(V2, Optional.empty());
        assertThat(refused.getMessage()).endsWith("/preprod/ship/smoke:2: not a ship record: 'garbage'");
        nothingChanged(refused);
    }

    @Test
    @DisplayName("rollback without anything ship deployed, or without a previous tree: refused")
    void rollbackWithNothingToRestore() throws Exception {
        before = hosts.snapshot();
        ShipRefused none = catchThrowableOfType(ShipRefused.class, () -> hosts.ship().rollback(confirmed().orElseThrow()));
        assertThat(none.getMessage()).contains("has no ship history: ship never deployed there");
        nothingChanged(none);

        bothRun(V1);
        before = hosts.snapshot();
        ShipRefused noPrevious = catchThrowableOfType(ShipRefused.class, () -> hosts.ship().rollback(confirmed().orElseThrow()));
        assertThat(noPrevious.getMessage()).contains("has no render in " + root.resolve("production/compose.previous")
                + " to roll back to");
        nothingChanged(noPrevious);
    }

    @Test
    @DisplayName("rollback to a tree preprod never smoked green (a hash mismatch): refused, production untouched")
    void rollbackToUnsmokedTree() {
        bothRun(V2);
        hosts.tree(hosts.production, "compose.previous", V1);
        before = hosts.snapshot();
        ShipRefused refused = catchThrowableOfType(ShipRefused.class, () -> hosts.ship().rollback(confirmed().orElseThrow()));
        assertThat(refused.line()).startsWith("ship refused at 'roll back production': hash mismatch: preprod")
                .contains("no smoke recorded for render " + V1.hash());
        nothingChanged(refused);
    }

    @Test
    @DisplayName("a confirmation is the production host typed out; another name is refused without echoing the host")
    void confirmation() {
        assertThat(Confirmation.of("production.example.invalid", hosts.production.endpoint()).host())
                .isEqualTo("production.example.invalid");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> Confirmation.of("preprod.example.invalid",
                hosts.production.endpoint())))
                .hasMessage("--confirm-production=preprod.example.invalid does not name the production host (the ssh.host "
                        + "environments/production.yaml resolves to); nothing was done")
                .message().doesNotContain("production.example.invalid");
    }
}
