package io.vpai.harness.environment;

import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Small environment files written to a temporary project, and the one-line error they must produce. */
final class EnvironmentYaml {
    static final Stack MODEL = VpaiStack.model();

    /** A valid container environment named {@code t}; tests change one line of it. */
    static final String CONTAINERS = """
            name: t
            target: containers
            description: test environment
            tls: internal
            healthInterval: 1s
            images:
              caddy:           { build: caddy, fidelity: real }
              postgresql:      { build: postgres, fidelity: real }
              redis:           { build: redis, fidelity: real }
              qdrant:          { build: standin, fidelity: stand-in }
              n8n:             { build: standin, fidelity: stand-in }
              litellm:         { build: standin, fidelity: stand-in }
              openclaw:        { build: standin, fidelity: stand-in }
              victoriametrics: { build: victoriametrics, fidelity: real }
              loki:            { build: standin, fidelity: stand-in }
              alloy:           { build: standin, fidelity: stand-in }
              grafana:         { build: standin, fidelity: stand-in }
              diun:            { image: "crazymax/diun:4.29.0", fidelity: real }
            fixtures:
              internet:
                subnet: 198.51.100.0/24
                gateway: 198.51.100.1
                proxy: 198.51.100.10
                client: 198.51.100.20
                resolver: 198.51.100.53
            """;

    /** A valid SSH environment named {@code s}. */
    static final String SSH = """
            name: s
            target: ssh
            description: test host
            ssh:
              host: ${VPAI_TEST_HOST}
              port: 22
              user: mobuone
              key: { env: VPAI_TEST_KEY }
              hostKey: { knownHosts: environments/known_hosts.s }
            destructive: true
            """;

    private final Path root;

    EnvironmentYaml(Path root) {
        this.root = root;
    }

    Path write(String name, String text) {
        try {
            Path dir = Files.createDirectories(root.resolve("environments"));
            return Files.writeString(dir.resolve(name + ".yaml"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Environment load(String name, String text) {
        return EnvironmentLoader.load(write(name, text), MODEL);
    }

    /** Loads {@code text} as {@code environments/<name>.yaml} and returns the error it must raise. */
    EnvironmentException error(String name, String text) {
        Path file = write(name, text);
        EnvironmentException e = catchThrowableOfType(EnvironmentException.class,
                () -> EnvironmentLoader.load(file, MODEL));
        assertThat(e).as("loading %s should fail", text).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n");
        return e;
    }

    /** Asserts the one-line form: {@code environments/<name>.yaml:<line>: <keyPath>: ...<fragment>...}. */
    static void assertAt(EnvironmentException e, String name, int line, String keyPath, String fragment) {
        String prefix = "environments/" + name + ".yaml:" + line + ": " + (keyPath == null ? "" : keyPath + ": ");
        assertThat(e.getMessage()).startsWith(prefix).contains(fragment);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.keyPath()).isEqualTo(keyPath);
    }

    /** 1-based line of the first line of {@code text} containing {@code snippet}. */
    static int lineOf(String text, String snippet) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(snippet)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line contains " + snippet);
    }

    /** {@code text} with the one line containing {@code snippet} replaced by {@code line}. */
    static String replaceLine(String text, String snippet, String line) {
        int n = lineOf(text, snippet);
        String[] lines = text.split("\n", -1);
        lines[n - 1] = line;
        return String.join("\n", lines);
    }

    /** {@code text} without the line containing {@code snippet}. */
    static String removeLine(String text, String snippet) {
        return replaceLine(text, snippet, "#");
    }

    /** {@code text} with the single occurrence of {@code from} replaced. */
    static String change(String text, String from, String to) {
        int at = text.indexOf(from);
        assertThat(at).as("'%s' occurs once", from).isGreaterThanOrEqualTo(0).isEqualTo(text.lastIndexOf(from));
        return text.substring(0, at) + to + text.substring(at + from.length());
    }
}
