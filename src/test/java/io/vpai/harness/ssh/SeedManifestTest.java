package io.vpai.harness.ssh;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.ModelValidator;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Tag("gate")
@DisplayName("The seed's manifest: entries, comments, each bad line named")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.SSH)
class SeedManifestTest {
    @Test
    void entriesCommentsAndBlankLines() {
        SeedManifest manifest = SeedManifest.parse("# written by the seeding job\n\npostgres n8n workflow_entity 12  # workflows\n"
                + "postgres\tlitellm\tharness_keys\t0\n", "seed/manifest.tsv");
        assertThat(manifest.entries()).containsExactly(new SeedManifest.Entry("n8n", "workflow_entity", 12),
                new SeedManifest.Entry("litellm", "harness_keys", 0));
        assertThat(SeedManifest.parse(manifest.render(), "again")).isEqualTo(manifest);
    }

    @Test
    void eachBadLineIsNamedWithItsNumber() {
        assertThat(error("postgres n8n t 1\nredis 0 5\n")).isEqualTo(
                "m:2: expected 'postgres <database> <table> <rows>', found 'redis 0 5'");
        assertThat(error("postgres n8n Robert'); 1\n")).contains("m:1: ", "is not a plain SQL identifier");
        assertThat(error("postgres n8n t many\n")).isEqualTo("m:1: 'many' is not a row count");
        assertThat(error("postgres n8n t -1\n")).isEqualTo("m:1: a row count cannot be negative (-1)");
    }

    private static String error(String text) {
        return catchThrowableOfType(IllegalArgumentException.class, () -> SeedManifest.parse(text, "m")).getMessage();
    }

    @Test
    void anEmptyManifestFailsTheCheckInsteadOfPassingIt() {
        SshTarget target = SshTarget.over(FakeShell.forbidden(), SshTargetReadOnlyTest.endpoint("preprod", true),
                ModelValidator.validate(VpaiStack.model()), SshTargetReadOnlyTest.SETTINGS);
        assertThat(SeedCheck.run(target, new SeedManifest(List.of()))).singleElement().satisfies(f -> {
            assertThat(f.failed()).isTrue();
            assertThat(f.message()).contains("lists no table");
        });
    }
}
