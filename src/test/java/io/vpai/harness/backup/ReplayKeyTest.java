package io.vpai.harness.backup;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.stack.StackException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("gate")
@DisplayName("The retention replay's own restic key")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.BACKUP_DRILL)
class ReplayKeyTest {
    @Test
    @DisplayName("the key restic opened with is the one restic 0.14's key list marks current")
    void currentKey() {
        // As restic 0.14.0 prints it, two keys, the hinted one opened.
        String listed = "[{\"current\":false,\"id\":\"a22cde7c\",\"userName\":\"root\",\"hostName\":\"01916b5becd6\","
                + "\"created\":\"2026-12-01 15:55:01\"},{\"current\":true,\"id\":\"5f0e1d2c\",\"userName\":\"vpai-harness\","
                + "\"hostName\":\"retention-drill\",\"created\":\"2026-12-01 16:02:11\"}]";
        assertThat(ReplayKey.currentKey(listed)).isEqualTo("5f0e1d2c");
        assertThat(ReplayKey.currentKey(listed.replace("\"current\":true", "\"current\":false"))).isEmpty();
        assertThatThrownBy(() -> ReplayKey.currentKey("Fatal: wrong password or no key found"))
                .isInstanceOf(StackException.class).hasMessageContaining("no JSON");
    }

    @Test
    @DisplayName("its scrypt cost is far below restic's calibrated one and still a valid scrypt")
    void cheapButValid() {
        assertThat(ReplayKey.CHEAP.n()).isLessThan(32768).isGreaterThan(1);
        assertThat(Integer.bitCount(ReplayKey.CHEAP.n())).as("N is a power of two").isEqualTo(1);
    }
}
