package io.vpai.harness.environment;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.vpai.harness.environment.EnvironmentYaml.SSH;
import static io.vpai.harness.environment.EnvironmentYaml.assertAt;
import static io.vpai.harness.environment.EnvironmentYaml.change;
import static io.vpai.harness.environment.EnvironmentYaml.lineOf;
import static io.vpai.harness.environment.EnvironmentYaml.removeLine;
import static io.vpai.harness.environment.EnvironmentYaml.replaceLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Each rule of an SSH environment file, and resolving its variables only when a run connects. */
@Tag("gate")
@DisplayName("SSH environment files, their variables resolved only when a run connects")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.ENVIRONMENT_FILES)
class SshEnvironmentLoaderTest {
    @TempDir
    Path root;
    EnvironmentYaml yaml;

    @BeforeEach
    void setUp() {
        yaml = new EnvironmentYaml(root);
    }

    private SshEnvironment loads(String text) {
        return (SshEnvironment) yaml.load("s", text);
    }

    private void fails(String text, int line, String keyPath, String fragment) {
        assertAt(yaml.error("s", text), "s", line, keyPath, fragment);
    }

    @Test
    void theBaseFileLoadsWithItsVariablesUnresolved() {
        SshEnvironment env = loads(SSH);
        assertThat(env.target()).isEqualTo(Environment.Target.SSH);
        assertThat(env.host()).isEqualTo("${VPAI_TEST_HOST}");
        assertThat(env.port()).isEqualTo(22);
        assertThat(env.user()).isEqualTo("mobuone");
        assertThat(env.key()).isEqualTo(new KeySource.KeyFromEnv("VPAI_TEST_KEY"));
        assertThat(env.hostKey()).isEqualTo(new HostKeyPolicy.KnownHosts("environments/known_hosts.s"));
        assertThat(env.destructiveAllowed()).isTrue();
    }

    @Test
    void aContainerKeyInAnSshEnvironmentIsAnError() {
        String bad = SSH + "tls: internal\n";
        fails(bad, lineOf(bad, "tls:"), "tls", "only a containers environment takes this key (target is ssh");
    }

    @Test
    void anUnknownSshKeyIsAnError() {
        String bad = change(SSH, "  port: 22", "  port: 22\n  timeout: 5s");
        fails(bad, lineOf(bad, "timeout"), "ssh.timeout", "unknown key (expected: host, port, user, key, hostKey)");
    }

    @Test
    void aMissingSshKeyIsAnError() {
        fails(removeLine(SSH, "user:"), lineOf(SSH, "ssh:"), "ssh.user", "missing (required)");
        fails(removeLine(SSH, "destructive:"), 1, "destructive", "missing (required)");
    }

    @Test
    void thePortMustBeADecimalTcpPort() {
        fails(replaceLine(SSH, "port:", "  port: 0"), lineOf(SSH, "port:"), "ssh.port", "0 is not a TCP port (1..65535)");
        fails(replaceLine(SSH, "port:", "  port: 70000"), lineOf(SSH, "port:"), "ssh.port", "is not a TCP port");
        fails(replaceLine(SSH, "port:", "  port: \"22\""), lineOf(SSH, "port:"), "ssh.port",
                "expected a decimal integer, found the string '22'");
        fails(replaceLine(SSH, "port:", "  port: 0x16"), lineOf(SSH, "port:"), "ssh.port", "expected a decimal integer");
        assertThat(loads(replaceLine(SSH, "port:", "  port: 65535")).port()).isEqualTo(65535);
    }

    @Test
    void theHostIsAHostNameAnAddressOrAVariable() {
        fails(replaceLine(SSH, "host:", "  host: not a host"), lineOf(SSH, "host:"), "ssh.host",
                "'not a host' is not a host name or IPv4 address");
        fails(replaceLine(SSH, "host:", "  host: 300.1.2.3"), lineOf(SSH, "host:"), "ssh.host", "is not a valid IPv4 address");
        fails(replaceLine(SSH, "host:", "  host: $VPAI_TEST_HOST"), lineOf(SSH, "host:"), "ssh.host",
                "has a malformed variable reference; write ${NAME}");
        fails(replaceLine(SSH, "host:", "  host: ${VPAI TEST}"), lineOf(SSH, "host:"), "ssh.host", "malformed variable");
        assertThat(loads(replaceLine(SSH, "host:", "  host: preprod.example.invalid")).host())
                .isEqualTo("preprod.example.invalid");
        assertThat(loads(replaceLine(SSH, "host:", "  host: 10.1.2.3")).host()).isEqualTo("10.1.2.3");
    }

    @Test
    void theUserIsALoginName() {
        fails(replaceLine(SSH, "user:", "  user: Mobu One"), lineOf(SSH, "user:"), "ssh.user", "is not a user name");
        assertThat(loads(replaceLine(SSH, "user:", "  user: ${VPAI_TEST_USER}")).user()).isEqualTo("${VPAI_TEST_USER}");
    }

    @Test
    void theKeyIsExactlyOneOfPathOrEnv() {
        String both = change(SSH, "{ env: VPAI_TEST_KEY }", "{ env: VPAI_TEST_KEY, path: ~/.ssh/id }");
        fails(both, lineOf(both, "key:"), "ssh.key", "has both path and env; give exactly one");
        String neither = change(SSH, "{ env: VPAI_TEST_KEY }", "{}");
        fails(neither, lineOf(neither, "key:"), "ssh.key", "needs exactly one of path or env");
        String badVariable = change(SSH, "VPAI_TEST_KEY", "~/.ssh/id");
        fails(badVariable, lineOf(badVariable, "key:"), "ssh.key.env", "is not a variable name (the variable holds the key's path)");
        assertThat(loads(change(SSH, "{ env: VPAI_TEST_KEY }", "{ path: ~/.ssh/seko-vpn-deploy }")).key())
                .isEqualTo(new KeySource.KeyFile("~/.ssh/seko-vpn-deploy"));
    }

    @Test
    void theHostKeyIsExactlyOneOfKnownHostsOrFingerprint() {
        String both = change(SSH, "{ knownHosts: environments/known_hosts.s }",
                "{ knownHosts: environments/known_hosts.s, fingerprint: \"SHA256:" + "A".repeat(43) + "\" }");
        fails(both, lineOf(both, "hostKey:"), "ssh.hostKey", "has both knownHosts and fingerprint; give exactly one");
        String neither = change(SSH, "{ knownHosts: environments/known_hosts.s }", "{}");
        fails(neither, lineOf(neither, "hostKey:"), "ssh.hostKey", "needs exactly one of knownHosts or fingerprint");
    }

    @Test
    @DisplayName("there is no option to accept any host key")
    void thereIsNoOptionToAcceptAnyHostKey() {
        for (String option : new String[] {"insecure: true", "acceptAny: true", "strictHostKeyChecking: no"}) {
            String bad = change(SSH, "{ knownHosts: environments/known_hosts.s }",
                    "{ knownHosts: environments/known_hosts.s, " + option + " }");
            String key = option.substring(0, option.indexOf(':'));
            fails(bad, lineOf(bad, "hostKey:"), "ssh.hostKey." + key, "there is no option to skip or relax host key verification");
        }
    }

    @Test
    void aFingerprintHasOpenSshsForm() {
        String bad = change(SSH, "{ knownHosts: environments/known_hosts.s }", "{ fingerprint: \"MD5:aa:bb\" }");
        fails(bad, lineOf(bad, "hostKey:"), "ssh.hostKey.fingerprint", "is not a fingerprint of the form SHA256:");
        String good = "SHA256:" + "uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s".substring(0, 43);
        assertThat(loads(change(SSH, "{ knownHosts: environments/known_hosts.s }", "{ fingerprint: \"" + good + "\" }"))
                .hostKey()).isEqualTo(new HostKeyPolicy.Fingerprint(good));
    }

    @Test
    void destructiveIsABoolean() {
        fails(replaceLine(SSH, "destructive:", "destructive: \"true\""), lineOf(SSH, "destructive:"), "destructive",
                "expected true or false, found the string 'true'");
        assertThat(loads(replaceLine(SSH, "destructive:", "destructive: false")).destructiveAllowed()).isFalse();
    }

    @Test
    @DisplayName("production refuses destructive specs by construction")
    void productionIsNeverDestructive() {
        String production = change(SSH, "name: s", "name: production");
        EnvironmentException e = yaml.error("production", production);
        assertAt(e, "production", lineOf(production, "destructive:"), "destructive",
                "production never allows destructive specs; it must be false");
        assertThat(((SshEnvironment) yaml.load("production", replaceLine(production, "destructive:", "destructive: false")))
                .destructiveAllowed()).isFalse();
        assertThat(catchThrowableOfType(EnvironmentException.class, () -> new SshEnvironment("production", "d", "h", 22,
                "u", new KeySource.KeyFile("k"), new HostKeyPolicy.KnownHosts("kh"), true)))
                .hasMessageContaining("production never allows destructive specs");
    }

    // --- resolve: variables are read only when a run connects ---------------------------------

    private Path file(String relative) throws IOException {
        Path path = root.resolve(relative);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, "x\n");
    }

    @Test
    void resolvingReadsTheVariablesAndFindsTheFiles() throws IOException {
        Path key = file("keys/id_test");
        Path knownHosts = file("environments/known_hosts.s");
        SshEndpoint endpoint = loads(SSH).resolve(Map.of("VPAI_TEST_HOST", "preprod.example.invalid",
                "VPAI_TEST_KEY", key.toString()));
        assertThat(endpoint).isEqualTo(new SshEndpoint("s", "preprod.example.invalid", 22, "mobuone", key,
                new HostKeyPolicy.KnownHosts(knownHosts.toString()), true));
    }

    @Test
    void anUnsetHostVariableFailsNamingIt() {
        EnvironmentException e = catchThrowableOfType(EnvironmentException.class,
                () -> loads(SSH).resolve(Map.of("VPAI_TEST_KEY", "/nonexistent")));
        assertAt(e, "s", lineOf(SSH, "host:"), "ssh.host", "${VPAI_TEST_HOST} is not set in the process environment");
        EnvironmentException blank = catchThrowableOfType(EnvironmentException.class,
                () -> loads(SSH).resolve(Map.of("VPAI_TEST_HOST", " ")));
        assertThat(blank).hasMessageContaining("${VPAI_TEST_HOST} is not set");
    }

    @Test
    void aHostVariableMustHoldAHost() {
        EnvironmentException e = catchThrowableOfType(EnvironmentException.class,
                () -> loads(SSH).resolve(Map.of("VPAI_TEST_HOST", "a b")));
        assertAt(e, "s", lineOf(SSH, "host:"), "ssh.host", "after substitution 'a b' is not a host name");
    }

    @Test
    void anUnsetKeyVariableFailsNamingIt() {
        EnvironmentException e = catchThrowableOfType(EnvironmentException.class,
                () -> loads(SSH).resolve(Map.of("VPAI_TEST_HOST", "h.example.invalid")));
        assertAt(e, "s", lineOf(SSH, "key:"), "ssh.key.env", "${VPAI_TEST_KEY} is not set in the process environment");
    }

    @Test
    void aMissingKeyFileFails() {
        EnvironmentException e = catchThrowableOfType(EnvironmentException.class, () -> loads(SSH).resolve(
                Map.of("VPAI_TEST_HOST", "h.example.invalid", "VPAI_TEST_KEY", root.resolve("absent").toString())));
        assertAt(e, "s", lineOf(SSH, "key:"), "ssh.key.env", "is not a file");
    }

    @Test
    void aMissingKnownHostsFileFailsSayingWhereThePinnedKeyGoes() throws IOException {
        Path key = file("keys/id_test");
        EnvironmentException e = catchThrowableOfType(EnvironmentException.class, () -> loads(SSH).resolve(
                Map.of("VPAI_TEST_HOST", "h.example.invalid", "VPAI_TEST_KEY", key.toString())));
        assertAt(e, "s", lineOf(SSH, "hostKey:"), "ssh.hostKey.knownHosts",
                "'environments/known_hosts.s' (" + root.toAbsolutePath().normalize().resolve("environments/known_hosts.s")
                        + ") is not a file; commit the host's pinned key");
    }

    @Test
    void aKeyPathIsExpandedFromHomeAndAFingerprintNeedsNoFile() throws IOException {
        Path key = file("home/.ssh/seko-vpn-deploy");
        String fingerprint = "SHA256:" + "b".repeat(43);
        String text = change(change(SSH, "{ env: VPAI_TEST_KEY }", "{ path: ~/.ssh/seko-vpn-deploy }"),
                "{ knownHosts: environments/known_hosts.s }", "{ fingerprint: \"" + fingerprint + "\" }");
        SshEndpoint endpoint = loads(text).resolve(Map.of("VPAI_TEST_HOST", "10.9.8.7",
                "HOME", root.resolve("home").toString()));
        assertThat(endpoint.privateKey()).isEqualTo(key);
        assertThat(endpoint.hostKey()).isEqualTo(new HostKeyPolicy.Fingerprint(fingerprint));
        assertThat(endpoint).hasToString("mobuone@10.9.8.7:22 (s)");
    }
}
