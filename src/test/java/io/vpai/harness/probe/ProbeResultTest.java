package io.vpai.harness.probe;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.model.Ipv4;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each answer line is read once into its probe kind's record; what no probe prints is a failure, not an observation. */
@Tag("gate")
@DisplayName("Probe results")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.PROBES)
class ProbeResultTest {
    private final TcpProbe tcp = Probes.tcp("n8n", "172.20.2.20", 5432);
    private final HttpProbe http = Probes.https("fixture-vpn-client", "100.64.0.14", 443, "llm.ewutelo.cloud", "/");
    private final DnsProbe dns = Probes.dns("fixture-vpn-client", "100.64.0.53", "llm.ewutelo.cloud");

    @Test
    void tcpAnswersAreOpenRefusedOrSilent() {
        assertThat(ProbeResult.read(tcp, "open")).isEqualTo(new TcpResult(tcp, TcpResult.Reach.OPEN));
        assertThat(ProbeResult.read(tcp, "refused ").tcp().reach()).isEqualTo(TcpResult.Reach.REFUSED);
        assertThat(ProbeResult.read(tcp, "silent").answer()).isEqualTo("silent");
        assertThat(ProbeResult.read(tcp, "silent")).hasToString("n8n → 172.20.2.20:5432: silent");
    }

    @Test
    void httpAnswersAreAStatusOrNothing() {
        HttpResult forbidden = ProbeResult.read(http, "403").http();
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.answered()).isTrue();
        assertThat(ProbeResult.read(http, "000").http().answered()).isFalse();
        assertThat(ProbeResult.read(http, "502").http().serverError()).isTrue();
        assertThat(ProbeResult.read(http, "042").error()).isTrue();
        // Another kind's reading of it is the prober's mistake, an error.
        assertThatThrownBy(() -> ProbeResult.read(http, "200").reached()).isInstanceOf(ProbeError.class)
                .hasMessageContaining("is not a TCP answer");
    }

    @Test
    void dnsAnswersCarryTheResponseCodeAndTheAddresses() {
        DnsResult two = ProbeResult.read(dns, "NOERROR 100.64.0.14 100.64.0.15").dns();
        assertThat(two.rcode()).contains("NOERROR");
        assertThat(two.addresses()).containsExactly(Ipv4.parse("100.64.0.14"), Ipv4.parse("100.64.0.15"));
        assertThat(ProbeResult.read(dns, "NXDOMAIN").dns().nxdomain()).isTrue();
        DnsResult silent = ProbeResult.read(dns, "no-answer").dns();
        assertThat(silent.answered()).isFalse();
        assertThat(silent.rcode()).isEqualTo(Optional.empty());
        assertThat(ProbeResult.read(dns, "NOERROR llm.ewutelo.cloud.").error()).isTrue();
        assertThat(ProbeResult.read(dns, "100.64.0.14").error()).isTrue();
    }

    @Test
    void errorsAndGarbageAreFailuresThatThrowWhenRead() {
        ProbeResult missing = ProbeResult.read(dns, "error dig is not installed in the probe image");
        assertThat(missing).isInstanceOf(ProbeFailure.class);
        assertThat(missing.error()).isTrue();
        assertThatThrownBy(missing::dns).isInstanceOf(ProbeError.class)
                .hasMessage("probe " + dns.describe() + " could not run: dig is not installed in the probe image");
        assertThatThrownBy(() -> ProbeResult.read(tcp, null).open()).hasMessageContaining("the probe printed nothing");
        assertThat(ProbeResult.read(tcp, "Segmentation fault").answer()).isEqualTo("Segmentation fault");
    }
}
