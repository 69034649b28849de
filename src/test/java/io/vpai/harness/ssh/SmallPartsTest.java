package io.vpai.harness.ssh;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.engine.Compose;
import io.vpai.harness.engine.ShellWords;

import io.vpai.harness.stack.TestSecrets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Quoting, the .env file, Compose detection and the settings' checks. */
@Tag("gate")
@DisplayName("Quoting, the .env file, Compose detection and the settings")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.SSH)
class SmallPartsTest {
    @Test
    void shellWordsAreQuotedSoNothingExpands() {
        assertThat(ShellWords.quote("it's $HOME `x`")).isEqualTo("'it'\\''s $HOME `x`'");
        assertThat(ShellWords.join("docker", "exec", "a b")).isEqualTo("'docker' 'exec' 'a b'");
    }

    @Test
    @DisplayName("the .env holds every referenced variable, and its text form never shows a value")
    void envFile() {
        TestSecrets secrets = TestSecrets.forCompose("x: ${POSTGRES_PASSWORD}\ny: ${REDIS_PASSWORD:-}\n", Map.of());
        EnvFile env = new EnvFile(secrets);
        String text = new String(env.bytes(), StandardCharsets.UTF_8);
        assertThat(text).contains("POSTGRES_PASSWORD=" + secrets.get("POSTGRES_PASSWORD") + "\n",
                "REDIS_PASSWORD=" + secrets.get("REDIS_PASSWORD") + "\n");
        assertThat(env.toString()).contains("POSTGRES_PASSWORD, REDIS_PASSWORD", "values withheld");
        secrets.values().forEach(v -> assertThat(env.toString()).doesNotContain(v));
        assertThat(EnvFile.MODE).isEqualTo(0600);
    }

    @Test
    @DisplayName("Compose v2 is preferred; v1 is used where it is all the host has; neither is one clear error")
    void composeDetection() {
        FakeShell v2 = FakeShell.scripted().answer("'docker' 'compose' version", 0, "Docker Compose version v2.29.1\n");
        Compose compose = Compose.detect(v2, Duration.ofSeconds(5));
        assertThat(compose.isV1()).isFalse();
        assertThat(compose.command("vpaih1", "/d/compose/sese-ai", List.of("/d/a.yml", "/d/b.yml"), "/d/.env", "up", "-d"))
                .isEqualTo("'docker' 'compose' '-p' 'vpaih1' '--project-directory' '/d/compose/sese-ai' '-f' '/d/a.yml' "
                        + "'-f' '/d/b.yml' '--env-file' '/d/.env' 'up' '-d'");

        FakeShell v1 = FakeShell.scripted().answer("'docker' 'compose' version", 1, "")
                .answer("'docker-compose' version", 0, "docker-compose version 1.29.2, build unknown\n");
        assertThat(Compose.detect(v1, Duration.ofSeconds(5))).satisfies(c -> {
            assertThat(c.isV1()).isTrue();
            assertThat(c.version()).isEqualTo("docker-compose version 1.29.2, build unknown");
        });

        FakeShell none = FakeShell.scripted().answer("'docker", 127, "");
        assertThat(catchThrowableOfType(io.vpai.harness.engine.EngineException.class, () -> Compose.detect(none, Duration.ofSeconds(5))))
                .hasMessage("root@fake.invalid:22 (fake): neither 'docker compose' nor 'docker-compose' is installed");
    }

    @Test
    void settingsRefuseValuesThatWouldMisbehaveInACommandLine() {
        SshSettings ok = SshTargetReadOnlyTest.SETTINGS;
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> ok.withProject("Sese AI")))
                .hasMessageContaining("is not a project name");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> ok.withDeployDirectory("/opt/../etc")))
                .hasMessageContaining("must be an absolute path");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> ok.withDeployDirectory("/")))
                .hasMessageContaining("must be an absolute path");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new SshSettings("p", "/d", "img; rm -rf /",
                Duration.ZERO, Duration.ZERO, Duration.ZERO, Optional.empty(), Map.of()))).hasMessageContaining("is not an image");
    }
}
