package io.vpai.harness.mesh;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("Headscale's restart holds the nodes' new control connections, and lets go of exactly that hold")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.CONTAINER_STACK)
class ControlRestartTest {
    private static final String HEADSCALE = "198.51.100.40";

    @Test
    @DisplayName("the hold drops only new TCP connections to Headscale's address and port")
    void theRuleNamesOnlyNewConnectionsToHeadscale() {
        String rule = ControlRestart.rule(HEADSCALE);
        assertThat(rule).isEqualTo("OUTPUT -p tcp --syn -d 198.51.100.40 --dport 443 -j DROP");
        assertThat(ControlRestart.hold(HEADSCALE)).isEqualTo("iptables -I " + rule);
        assertThat(ControlRestart.rule("198.51.100.41")).as("another address, another rule").isNotEqualTo(rule);
    }

    @Test
    @DisplayName("the release deletes every copy of the hold, one an interrupted run left too, and says so by exit 0")
    void theReleaseDeletesEveryCopy(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules");
        assertThat(run(rules, ControlRestart.hold(HEADSCALE) + "\n" + ControlRestart.hold(HEADSCALE) + "\n")).isZero();
        assertThat(Files.readAllLines(rules)).hasSize(2);
        assertThat(run(rules, ControlRestart.release(HEADSCALE))).isZero();
        assertThat(Files.readAllLines(rules)).isEmpty();
    }

    @Test
    @DisplayName("a hold that cannot be deleted makes the release exit 1")
    void aStuckHoldFailsTheRelease(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules");
        run(rules, ControlRestart.hold(HEADSCALE));
        // This iptables lists the rule but refuses to delete it.
        assertThat(run(rules, "iptables() { [ \"$1\" = -D ] && return 1; stub \"$@\"; }\n"
                + ControlRestart.release(HEADSCALE))).isEqualTo(1);
    }

    /**
     * The script under bash with {@code iptables} stubbed: the rules kept one per line in {@code rules}; -I adds one,
     * -D deletes one (exit 1 when none is left), -C says whether one is there.
     */
    private static int run(Path rules, String script) throws IOException, InterruptedException {
        String stub = "touch '" + rules + "'\n"
                + "stub() { op=$1; shift; r=\"$*\"; case $op in\n"
                + "  -I) echo \"$r\" >> '" + rules + "' ;;\n"
                + "  -D) grep -qxF -- \"$r\" '" + rules + "' || return 1; awk -v r=\"$r\" '!d && $0 == r {d=1; next} 1' '"
                + rules + "' > '" + rules + ".new'; mv '" + rules + ".new' '" + rules + "' ;;\n"
                + "  -C) grep -qxF -- \"$r\" '" + rules + "' ;;\n"
                + "esac; }\n"
                + "iptables() { stub \"$@\"; }\n";
        Process process = new ProcessBuilder("bash", "-c", stub + script).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor();
    }
}
