package io.vpai.harness.ssh;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.environment.Environment;
import io.vpai.harness.environment.EnvironmentException;
import io.vpai.harness.environment.Environments;
import io.vpai.harness.environment.HostKeyPolicy;
import io.vpai.harness.environment.KeySource;
import io.vpai.harness.environment.SshEndpoint;
import io.vpai.harness.environment.SshEnvironment;
import io.vpai.harness.model.ModelValidator;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.target.DestructiveAccess;
import io.vpai.harness.target.Target;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Production is read-only by construction, shown without contacting it: the shipped
 * {@code environments/production.yaml} is loaded and resolved with stand-in values (no production address is ever
 * a connection target), and its SSH target runs over a shell that fails the test at the first command. No
 * destructive capability can be had for it, so restarts, deploys and restores have nothing to run on.
 */
@Tag("gate")
@DisplayName("Production is read-only")
@Epic(Behaviors.CONFORMANCE)
@Feature(Behaviors.PRODUCTION_READ_ONLY)
@Story("Refused before anything is sent")
class ProductionReadOnlySpec {
    private static final Stack MODEL = ModelValidator.validate(VpaiStack.model());

    @TempDir
    Path root;
    private FakeShell shell;

    @BeforeEach
    void forbidEveryCommand() {
        shell = FakeShell.forbidden();
    }

    /** The shipped file, in a scratch project root that has the files it names (a dummy key and known_hosts). */
    private SshEndpoint resolved(String name) throws IOException {
        Path shipped = Path.of("").toAbsolutePath().resolve(Environments.DIRECTORY).resolve(name + ".yaml");
        Files.createDirectories(root.resolve(Environments.DIRECTORY));
        Files.copy(shipped, root.resolve(Environments.DIRECTORY).resolve(name + ".yaml"));
        Files.writeString(root.resolve(Environments.DIRECTORY).resolve("known_hosts." + name), "# pinned key goes here\n");
        Path key = Files.createDirectories(root.resolve("home/.ssh")).resolve("seko-vpn-deploy");
        Files.writeString(key, "not a key: never read, nothing connects\n");
        Environment environment = Environments.load(root, name, MODEL);
        assertThat(environment).isInstanceOf(SshEnvironment.class);
        return ((SshEnvironment) environment).resolve(Map.of(
                "VPAI_PRODUCTION_HOST", "production.example.invalid", "VPAI_PREPROD_HOST", "preprod.example.invalid",
                "VPAI_SSH_KEY", key.toString(), "HOME", root.resolve("home").toString()));
    }

    private SshTarget target(SshEndpoint endpoint) {
        return SshTarget.over(shell, endpoint, MODEL, SshSettings.fromSystemProperties("vpai/probe:none"));
    }

    @Test
    @DisplayName("the shipped production.yaml is an SSH environment that forbids destructive specs")
    void theShippedFileIsReadOnly() throws IOException {
        SshEndpoint endpoint = resolved("production");
        assertThat(endpoint.environment()).isEqualTo("production");
        assertThat(endpoint.destructiveAllowed()).isFalse();
    }

    @TestFactory
    @DisplayName("every destructive step is refused against production, and nothing is sent to it")
    Stream<DynamicTest> everyDestructiveStepIsRefused() throws IOException {
        SshTarget production = target(resolved("production"));
        Stream<DynamicTest> restarts = MODEL.services().stream().map(Service::name).map(service -> dynamicTest(
                "restart " + service + " is refused", () -> assertThat(catchThrowableOfType(
                        Target.DestructiveRefused.class, () -> production.requireDestructive("restart " + service)))
                        .hasMessage("environment 'production' is read-only: refusing to restart " + service)));
        Stream<DynamicTest> others = Stream.of(
                dynamicTest("no destructive capability is handed out", () -> {
                    assertThat(production.destructive()).isEmpty();
                    assertThat(production.destructiveAllowed()).isFalse();
                }),
                dynamicTest("a spec asking for destruction (restore drill) is refused", () -> assertThat(catchThrowableOfType(
                        Target.DestructiveRefused.class, () -> production.requireDestructive("run the restore drill")))
                        .hasMessage("environment 'production' is read-only: refusing to run the restore drill")),
                dynamicTest("not one command or file reached the host", () -> {
                    assertThat(shell.commands()).isEmpty();
                    assertThat(shell.writes()).isEmpty();
                }));
        return Stream.concat(restarts, others);
    }

    @Test
    @DisplayName("production gets no capability even from an endpoint whose flag was forced to true")
    void theNameAloneRefuses() throws IOException {
        SshEndpoint real = resolved("production");
        SshEndpoint forced = new SshEndpoint(real.environment(), real.host(), real.port(), real.user(), real.privateKey(),
                real.hostKey(), true);
        assertThat(target(forced).destructive()).isEmpty();
        assertThat(catchThrowableOfType(EnvironmentException.class, () -> new SshEnvironment("production", "d",
                "h.example.invalid", 22, "u", new KeySource.KeyFile("k"), new HostKeyPolicy.KnownHosts("kh"), true)))
                .hasMessageContaining("production never allows destructive specs");
    }

    @Test
    @DisplayName("destructive steps cannot be reached without the capability: no public way to make one")
    void theCapabilityCannotBeForged() {
        assertThat(Arrays.stream(DestructiveAccess.class.getDeclaredConstructors()).map(Constructor::getModifiers))
                .noneMatch(Modifier::isPublic);
        assertThat(Arrays.stream(DestructiveAccess.class.getDeclaredMethods())
                .filter(m -> !m.isSynthetic() && Modifier.isStatic(m.getModifiers()) && m.getReturnType() != void.class))
                .isEmpty();
        assertThat(Arrays.stream(HostAccess.class.getDeclaredConstructors()).map(Constructor::getModifiers))
                .allMatch(Modifier::isPrivate);
        assertThat(Arrays.stream(HostAccess.class.getMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) && m.getReturnType() == HostAccess.class))
                .allMatch(m -> m.getParameterCount() == 1 && m.getParameterTypes()[0] == DestructiveAccess.class);
        assertThat(Arrays.stream(PreprodDeployment.class.getConstructors()))
                .isNotEmpty()
                .allMatch(c -> c.getParameterCount() > 0 && c.getParameterTypes()[0] == HostAccess.class);
        assertThat(Arrays.stream(SshTarget.class.getMethods()).filter(m -> m.getReturnType().equals(DestructiveAccess.class)
                        || m.getReturnType().equals(HostAccess.class)))
                .as("only requireDestructive hands the capability out directly, and it refuses a read-only host (above)")
                .extracting(Method::getName).containsOnly("requireDestructive");
        Method handOut = Arrays.stream(SshTarget.class.getMethods()).filter(m -> m.getName().equals("destructive"))
                .findFirst().orElseThrow();
        assertThat(handOut.getReturnType()).isEqualTo(java.util.Optional.class);
    }

    @Test
    @DisplayName("the twin: the shipped preprod.yaml does get the capability (still without connecting)")
    void preprodGetsTheCapability() throws IOException {
        SshEndpoint preprod = resolved("preprod");
        assertThat(preprod.destructiveAllowed()).isTrue();
        SshTarget target = target(preprod);
        assertThat(target.destructive()).isPresent();
        assertThat(shell.commands()).isEmpty();
    }
}
