package io.vpai.harness.ship;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.vpai.harness.ship.LocalHosts.shipped;
import static io.vpai.harness.ship.LocalHosts.smoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Tag("gate")
@DisplayName("A host's ship records")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.SHIPPING)
class LedgerTest {
    private static final Release V1 = LocalHosts.render();
    private static final Release V2 = LocalHosts.variant("# v2");

    @Test
    @DisplayName("read back what was written: the current render is the last one, the latest smoke of a render decides")
    void readBack(@TempDir Path root) {
        LocalHosts hosts = new LocalHosts(root);
        ShipHost preprod = hosts.host(hosts.preprod);
        assertThat(Ledger.read(preprod).current()).as("a host ship never touched").isEmpty();
        hosts.history(hosts.preprod, shipped(V1, "2026-06-01T08:00:00Z"), shipped(V2, "2026-06-01T09:00:00Z"));
        hosts.smokes(smoke(V1, true, "2026-06-01T08:01:00Z"), smoke(V2, false, "2026-06-01T09:01:00Z"),
                smoke(V2, true, "2026-06-01T09:30:00Z"));
        Ledger ledger = Ledger.read(preprod);
        assertThat(ledger.current()).contains(V2.hash());
        assertThat(ledger.lastTimeItRan(V1.hash())).map(Ledger.Change::action).contains("ship");
        assertThat(ledger.smokedGreen(V2.hash())).isTrue();
        assertThat(ledger.lastSmokeOf(V2.hash()).orElseThrow().summary()).isEqualTo("40 passed, 0 failed, 0 skipped");
        assertThat(ledger.smokedGreen(LocalHosts.variant("never").hash())).isFalse();
    }

    @Test
    @DisplayName("an unreadable line is refused naming the file and the line")
    void unreadableLine(@TempDir Path root) throws Exception {
        LocalHosts hosts = new LocalHosts(root);
        hosts.history(hosts.production, shipped(V1, "2026-06-01T08:00:00Z"));
        Files.writeString(root.resolve("production/ship/history"), "2026-06-01 ship nothex\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> Ledger.read(hosts.host(hosts.production))))
                .hasMessageEndingWith("/production/ship/history:2: not a ship record: '2026-06-01 ship nothex'");
    }
}
