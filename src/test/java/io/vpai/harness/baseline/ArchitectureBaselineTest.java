package io.vpai.harness.baseline;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("The architecture baseline holds the document's tables, independent of the model")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.ARCHITECTURE_BASELINE)
class ArchitectureBaselineTest {

    @Test
    void theBaselineIsIndependentOfTheModel() throws IOException {
        // A value copied from VpaiStack would agree with any mistake in it: the oracle must not read the model.
        try (Stream<Path> files = Files.list(Path.of("src/main/java/io/vpai/harness/baseline"))) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file)).as(file.toString())
                        .doesNotContain("import io.vpai.harness.model.VpaiStack", "VpaiStack.", "import static io.vpai.harness.model.VpaiStack");
            }
        }
    }

    @Test
    void itHoldsTheDocumentsTablesWhole() {
        assertThat(ArchitectureBaseline.SERVICE_MATRIX).hasSize(12);
        assertThat(ArchitectureBaseline.TAILNET_RECORDS).extracting(BaselineRecord::name).containsExactly(
                "javisi.ewutelo.cloud", "tala.ewutelo.cloud", "mayi.ewutelo.cloud", "llm.ewutelo.cloud",
                "qd.ewutelo.cloud", "mc.ewutelo.cloud", "oc.ewutelo.cloud", "singa.ewutelo.cloud");
        assertThat(ArchitectureBaseline.STARTUP_EDGES).hasSize(13);
        assertThat(ArchitectureBaseline.NETWORKS).extracting(BaselineNetwork::name)
                .containsExactly("frontend", "backend", "monitoring", "egress");
        assertThat(ArchitectureBaseline.matrixRow("grafana").orElseThrow().networksText()).isEqualTo("frontend, monitoring");
        assertThat(ArchitectureBaseline.matrixRow("diun").orElseThrow().subdomainKind()).isEqualTo("none");
        assertThat(List.of(ArchitectureBaseline.PRE_BACKUP_AT.toString(), ArchitectureBaseline.RESTIC_AT.toString()))
                .containsExactly("02:55", "03:00");
    }

    @Test
    void theVpnOnlyNamesAreTheVpssOnly() {
        assertThat(ArchitectureBaseline.VPN_ONLY_VPS_NAMES).containsExactlyInAnyOrder("javisi.ewutelo.cloud",
                "tala.ewutelo.cloud", "mayi.ewutelo.cloud", "llm.ewutelo.cloud", "qd.ewutelo.cloud");
        assertThat(ArchitectureBaseline.VPN_ONLY_VPS_NAMES).as("the Pi's names and the public control plane")
                .doesNotContain("mc.ewutelo.cloud", "oc.ewutelo.cloud", "singa.ewutelo.cloud");
        assertThat(ArchitectureBaseline.VPN_ONLY_VPS_NAMES).contains(ArchitectureBaseline.MISSION_CONTROL_GATEWAY);
    }
}
