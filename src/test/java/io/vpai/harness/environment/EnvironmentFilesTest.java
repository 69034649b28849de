package io.vpai.harness.environment;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The project's own environments/*.yaml: they load, and say what the design says they say. */
@Tag("gate")
@DisplayName("The project's environment files load and say what the design says")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.ENVIRONMENT_FILES)
class EnvironmentFilesTest {
    static final Path PROJECT = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    static final Stack MODEL = VpaiStack.model();

    private static Environment load(String name) {
        return Environments.load(PROJECT, name, MODEL);
    }

    @Test
    void theFourEnvironmentsAreDeclared() {
        assertThat(Environments.available(PROJECT)).containsExactly("local", "offline", "preprod", "production");
    }

    @Test
    void offlineBuildsRealComponentsWherePackagesExistAndStandsInElsewhere() {
        ContainerEnvironment offline = (ContainerEnvironment) load("offline");
        assertThat(offline.tls()).isEqualTo(TlsMode.INTERNAL);
        assertThat(offline.healthInterval()).as("measured against the model's 5 s: see the comment in offline.yaml")
                .isEqualTo(Duration.ofSeconds(2));
        Map<String, ImageSource> expected = new LinkedHashMap<>();
        for (Service service : MODEL.services()) {
            expected.put(service.name(), new ImageSource.Build(OfflineImages.STANDIN, Fidelity.STAND_IN));
        }
        expected.put("postgresql", new ImageSource.Build("postgres", Fidelity.REAL));
        expected.put("redis", new ImageSource.Build("redis", Fidelity.REAL));
        expected.put("caddy", new ImageSource.Build("caddy", Fidelity.REAL));
        expected.put("victoriametrics", new ImageSource.Build("victoriametrics", Fidelity.REAL));
        expected.put("n8n", new ImageSource.Build("n8n", Fidelity.REAL));
        expected.put("litellm", new ImageSource.Build("litellm", Fidelity.REAL));
        expected.put("openclaw", new ImageSource.Build("openclaw", Fidelity.REAL));
        assertThat(offline.images()).containsExactlyEntriesOf(expected);
        assertThat(offline.standIns()).containsExactly("qdrant", "loki", "alloy", "grafana",
                "diun");
    }

    @Test
    void everyOfflineImageNamedHasABuildContext() {
        ContainerEnvironment offline = (ContainerEnvironment) load("offline");
        offline.images().values().stream().map(s -> ((ImageSource.Build) s).logicalImage()).distinct()
                .forEach(image -> assertThat(PROJECT.resolve("src/main/docker").resolve(image))
                        .as("build context of offline image '%s'", image).isDirectory());
    }

    @Test
    void localPullsExactlyTheModelsPinnedImages() {
        ContainerEnvironment local = (ContainerEnvironment) load("local");
        Map<String, ImageSource> expected = new LinkedHashMap<>();
        MODEL.services().forEach(s -> expected.put(s.name(), new ImageSource.Pull(s.image().reference(), Fidelity.REAL)));
        assertThat(local.images()).containsExactlyEntriesOf(expected);
        assertThat(local.standIns()).isEmpty();
    }

    @Test
    void containerEnvironmentsShareTheFixturesOfTheDesign() {
        for (String name : List.of("offline", "local")) {
            Fixtures fixtures = ((ContainerEnvironment) load(name)).fixtures();
            assertThat(fixtures.tailnet().proxy()).isEqualTo("100.64.0.14");
            assertThat(fixtures.internet()).isEqualTo(new FixtureNetwork(io.vpai.harness.model.Cidr.parse("198.51.100.0/24"),
                    "198.51.100.1", "198.51.100.10", "198.51.100.20", "198.51.100.53"));
        }
    }

    @Test
    @DisplayName("preprod validates with none of its variables set")
    void preprodValidatesWithoutVariables() {
        SshEnvironment preprod = (SshEnvironment) load("preprod");
        assertThat(preprod.host()).isEqualTo("${VPAI_PREPROD_HOST}");
        assertThat(preprod.port()).isEqualTo(22);
        assertThat(preprod.user()).isEqualTo("mobuone");
        assertThat(preprod.key()).isEqualTo(new KeySource.KeyFromEnv("VPAI_SSH_KEY"));
        assertThat(preprod.hostKey()).isEqualTo(new HostKeyPolicy.KnownHosts("environments/known_hosts.preprod"));
        assertThat(preprod.destructiveAllowed()).isTrue();
    }

    @Test
    @DisplayName("production validates with none of its variables set, and is never destructive")
    void productionValidatesWithoutVariablesAndIsReadOnly() {
        SshEnvironment production = (SshEnvironment) load("production");
        assertThat(production.host()).isEqualTo("${VPAI_PRODUCTION_HOST}");
        assertThat(production.port()).isEqualTo(804);
        assertThat(production.user()).isEqualTo("mobuone");
        assertThat(production.destructiveAllowed()).isFalse();
    }

    @Test
    @DisplayName("no environment file names a production address as a connection target")
    void noProductionAddressIsAConnectionTarget() throws IOException {
        for (String name : Environments.available(PROJECT)) {
            // Values only: the schema header may name the uplink range to forbid it.
            String text = Files.readAllLines(Environments.file(PROJECT, name)).stream()
                    .map(line -> line.replaceAll("#.*", "")).collect(java.util.stream.Collectors.joining("\n"));
            // Tailnet addresses may appear: the mesh the harness runs holds them.
            MODEL.hosts().forEach(host -> host.publicAddress()
                    .ifPresent(a -> assertThat(text).as(name).doesNotContain(a)));
            assertThat(text).as(name).doesNotContain(MODEL.tailnet().magicDnsResolver()).doesNotContain("192.0.2.");
        }
    }

    @Test
    void resolvingProductionWithoutItsVariableNamesIt() {
        SshEnvironment production = (SshEnvironment) load("production");
        EnvironmentException e = catchThrowableOfType(EnvironmentException.class, () -> production.resolve(Map.of()));
        assertThat(e.getMessage()).startsWith("environments/production.yaml:")
                .contains("ssh.host: ${VPAI_PRODUCTION_HOST} is not set in the process environment");
    }

    @Test
    void anAbsentEnvironmentFailsListingTheAvailableOnes() {
        EnvironmentException e = catchThrowableOfType(EnvironmentException.class, () -> load("staging"));
        assertThat(e).hasMessage("environments/staging.yaml: no environment 'staging' "
                + "(available: local, offline, preprod, production)");
    }

    @Test
    void anEnvironmentNameCannotLeaveTheEnvironmentsFolder() {
        EnvironmentException e = catchThrowableOfType(EnvironmentException.class, () -> load("../pom"));
        assertThat(e).hasMessageStartingWith("'../pom' is not an environment name");
    }

    @Test
    void theSelectedEnvironmentDefaultsToOffline(@TempDir Path root) throws IOException {
        String previous = System.getProperty(Environments.PROPERTY);
        System.clearProperty(Environments.PROPERTY);
        try {
            assertThat(Environments.selected(PROJECT, MODEL).name()).isEqualTo("offline");
        } finally {
            if (previous != null) {
                System.setProperty(Environments.PROPERTY, previous);
            }
        }
        assertThat(Environments.available(root)).isEmpty();
    }
}
