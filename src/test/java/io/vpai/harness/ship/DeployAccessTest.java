package io.vpai.harness.ship;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.target.DestructiveAccess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;

import static io.vpai.harness.ship.LocalHosts.shipped;
import static io.vpai.harness.ship.LocalHosts.smoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Production writes exist only for a render whose latest preprod smoke, read from preprod, was green. */
@Tag("gate")
@DisplayName("Deploy access to production")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.SHIPPING)
class DeployAccessTest {
    private static final Release V1 = LocalHosts.render();
    private static final Release V2 = LocalHosts.variant("# v2");

    @TempDir
    Path root;
    private LocalHosts hosts;
    private ShipHost preprod;
    private ShipHost production;

    @BeforeEach
    void hosts() {
        hosts = new LocalHosts(root);
        preprod = hosts.host(hosts.preprod);
        production = hosts.host(hosts.production);
    }

    private DeployAccess grant(Release release) {
        return DeployAccess.grant(preprod, release.hash(), production, ShipStage.DEPLOY_PRODUCTION);
    }

    @Test
    @DisplayName("is granted for a render preprod smoked green, and names that smoke")
    void grantedForAGreenSmoke() {
        hosts.smokes(smoke(V1, true, "2026-06-01T09:00:00Z"));
        DeployAccess access = grant(V1);
        assertThat(access.hash()).isEqualTo(V1.hash());
        assertThat(access.evidence().green()).isTrue();
        assertThat(access.production()).isSameAs(production);
    }

    @Test
    @DisplayName("is refused for another render than the one smoked: a hash mismatch, naming both renders")
    void refusedForAnotherRender() {
        hosts.smokes(smoke(V1, true, "2026-06-01T09:00:00Z"));
        ShipRefused refused = catchThrowableOfType(ShipRefused.class, () -> grant(V2));
        assertThat(refused.line()).startsWith("ship refused at 'deploy to production': hash mismatch: preprod")
                .contains("no smoke recorded for render " + V2.hash(), "its last smoke was of render " + V1.hash());
    }

    @Test
    @DisplayName("is refused when the latest smoke of the render was red, even after an earlier green one")
    void refusedAfterARedSmoke() {
        hosts.smokes(smoke(V1, true, "2026-06-01T08:00:00Z"), smoke(V1, false, "2026-06-01T09:00:00Z"));
        assertThat(catchThrowableOfType(ShipRefused.class, () -> grant(V1)).getMessage())
                .startsWith("preprod's last smoke of render " + V1.hash() + " was red at 2026-06-01T09:00:00Z");
        hosts.smokes(smoke(V1, true, "2026-06-01T10:00:00Z"));
        assertThat(grant(V1).evidence().at()).hasToString("2026-06-01T10:00:00Z");
    }

    @Test
    @DisplayName("is refused when preprod recorded no smoke at all")
    void refusedWithoutAnySmoke() {
        hosts.history(hosts.preprod, shipped(V1, "2026-06-01T08:00:00Z"));
        assertThat(catchThrowableOfType(ShipRefused.class, () -> grant(V1)).getMessage())
                .contains("it has no smoke recorded at all");
    }

    @Test
    @DisplayName("is only for production, and only on preprod's word")
    void onlyForProductionOnPreprodsWord() {
        hosts.smokes(smoke(V1, true, "2026-06-01T09:00:00Z"));
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> DeployAccess.grant(preprod, V1.hash(),
                preprod, ShipStage.DEPLOY_PRODUCTION))).hasMessageContaining("is not production");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> DeployAccess.grant(production, V1.hash(),
                production, ShipStage.DEPLOY_PRODUCTION))).hasMessageContaining("production cannot vouch for itself");
    }

    @Test
    @DisplayName("writes production only for the render it was granted for")
    void writesOnlyItsRender() {
        hosts.smokes(smoke(V1, true, "2026-06-01T09:00:00Z"));
        HostWrites writes = HostWrites.onProduction(grant(V1));
        assertThat(catchThrowableOfType(IllegalStateException.class, () -> writes.install(V2, line -> { })))
                .hasMessageContaining("is for render " + V1.hash() + ", not " + V2.hash());
        assertThat(catchThrowableOfType(IllegalStateException.class, () -> writes.swapWithPrevious(V2.hash())))
                .hasMessageContaining("is for render " + V1.hash());
        assertThat(catchThrowableOfType(IllegalStateException.class, () -> writes.record(smoke(V1, true,
                "2026-06-01T09:00:00Z")))).hasMessageContaining("smokes are recorded on preprod");
        assertThat(hosts.snapshot().keySet()).noneMatch(p -> p.startsWith("production"));
    }

    @Test
    @DisplayName("cannot be made any other way: no public constructor, and every way to write a host needs a capability")
    void cannotBeForged() {
        assertThat(Arrays.stream(DeployAccess.class.getDeclaredConstructors()).map(Constructor::getModifiers))
                .allMatch(Modifier::isPrivate);
        assertThat(Arrays.stream(DeployAccess.class.getDeclaredMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) && m.getReturnType() == DeployAccess.class))
                .extracting(Method::getName).containsExactly("grant");
        assertThat(Arrays.stream(HostWrites.class.getDeclaredConstructors()).map(Constructor::getModifiers))
                .allMatch(Modifier::isPrivate);
        assertThat(Arrays.stream(HostWrites.class.getDeclaredMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) && m.getReturnType() == HostWrites.class))
                .allSatisfy(m -> assertThat(m.getParameterTypes()).containsAnyOf(DestructiveAccess.class, DeployAccess.class));
        assertThat(production.target().destructive()).as("production hands out no DestructiveAccess").isEmpty();
    }
}
