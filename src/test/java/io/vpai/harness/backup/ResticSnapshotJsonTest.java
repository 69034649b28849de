package io.vpai.harness.backup;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Restic's JSON that cannot be read is one line; keys restic adds are ignored. */
@Tag("gate")
@DisplayName("Restic's snapshot JSON, read or refused in one line")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.BACKUP_DRILL)
class ResticSnapshotJsonTest {
    @Test
    void malformedJsonIsOneLine() {
        assertThatThrownBy(() -> ResticSnapshot.parse("[{\"id\": \"abc\", \"time\": "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read restic snapshots --json as JSON: ")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> ResticSnapshot.parse("Fatal: unable to open config file"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("\n");
    }

    @Test
    void blankOutputIsNoSnapshotsAndUnknownKeysAreIgnored() {
        assertThat(ResticSnapshot.parse("  \n")).isEmpty();
        assertThat(ResticSnapshot.parse("[{\"id\": \"0123456789\", \"time\": \"2026-11-27T03:00:00+01:00\","
                + " \"hostname\": \"h\", \"paths\": [\"/data\"], \"program_version\": \"restic 0.14.0\"}]"))
                .singleElement().satisfies(s -> {
                    assertThat(s.shortId()).isEqualTo("01234567");
                    assertThat(s.paths()).containsExactly("/data");
                });
    }
}
