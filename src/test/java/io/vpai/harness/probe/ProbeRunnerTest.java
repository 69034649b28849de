package io.vpai.harness.probe;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.engine.ContainerState;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.target.DestructiveAccess;

import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.engine.ContainerEvent;
import io.vpai.harness.engine.ProcessRunner;
import io.vpai.harness.target.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.vpai.harness.ssh.LoopbackPorts;

import java.net.InetAddress;
import java.net.ServerSocket;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The prober's own failures are errors. The batch script runs in a real bash here, with a PATH that holds
 * only what each test gives it — so "nc is missing" is the real shell's answer, not a canned string.
 */
@Tag("gate")
@DisplayName("The prober's own failures are errors, never \"unreachable\"")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.PROBES)
class ProbeRunnerTest {
    @TempDir
    Path bin;

    @Test
    void aBatchWhosePositiveControlFailsIsAnErrorNotAListOfUnreachablePaths() throws Exception {
        link("bash", "mktemp", "head", "cat");
        Target target = new LocalBash(bin);
        TcpProbe negative = Probes.tcp("redis", "172.20.4.30", 5678);

        assertThatThrownBy(() -> ProbeRunner.run(target, List.of(negative)))
                .isInstanceOf(ProbeError.class)
                .hasMessageStartingWith("positive control from redis on local-bash failed: a loopback connect under the "
                        + "batch's 300 ms answered 'error vpai-tcp-probe is not installed in the probe image'")
                .hasMessageContaining("the 1 probes of that batch cannot be trusted");
    }

    /**
     * The prober the probe image ships, run here by this machine's python3 against loopback ports that answer
     * in each of the three ways: open, refused (nothing listens), silent (a full accept queue drops the SYN).
     */
    @Test
    void theTcpProberTellsOpenRefusedAndSilentApartAndOpensItsOwnControl() throws Exception {
        Path prober = Path.of(System.getProperty("basedir", ".")).resolve("src/main/docker/probe/tcp-prober.py");
        try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             LoopbackPorts.Unanswering silent = new LoopbackPorts.Unanswering()) {
            int refused = LoopbackPorts.closed();
            String input = "0 127.0.0.1 " + open.getLocalPort() + "\\n1 127.0.0.1 " + refused + "\\n2 127.0.0.1 "
                    + silent.port() + "\\nnot a probe line\\n";
            String out = ProcessRunner.run(List.of("bash", "-c", "printf '" + input + "' | python3 " + prober + " 0.3"),
                    Duration.ofSeconds(10)).output();
            assertThat(out.lines()).containsExactly("not error unreadable probe line: not a probe line",
                    "control open", "0 open", "1 refused", "2 silent");
        }
    }

    /**
     * The same prober serving batches from network namespaces joined by file (as it does for every source of a
     * stack at once): this process's own namespace works; a namespace file that does not exist, or that names
     * another namespace than the one the caller remembered, is "gone", its probes errors — and a second batch
     * is answered by the same process.
     */
    @Test
    void theTcpProberServesBatchesFromNamespacesAndAGoneOneFailsItsControl() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "joining a network namespace (setns) needs root; CI runs as root");
        Path prober = Path.of(System.getProperty("basedir", ".")).resolve("src/main/docker/probe/tcp-prober.py");
        try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String me = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
            String input = "batch 0.3\nnetns me /proc/self/ns/net " + me + "\nnetns old /nonexistent/ns -\n"
                    + "0 me 127.0.0.1 " + open.getLocalPort() + "\n1 old 127.0.0.1 " + open.getLocalPort() + "\nend\n"
                    + "batch 0.3\nnetns other /proc/self/ns/net net:[1]\n2 other 127.0.0.1 " + open.getLocalPort()
                    + "\nend\n";
            String out = ProcessRunner.run(List.of("bash", "-c", "printf '" + input + "' | python3 " + prober
                    + " --serve"), Duration.ofSeconds(10)).output();
            assertThat(out.lines()).containsSubsequence("identity:me " + me, "control:me open", "0 open", "done",
                    "2 error namespace gone", "done");
            assertThat(out.lines()).anySatisfy(l -> assertThat(l).startsWith("control:old gone "))
                    .contains("1 error namespace gone")
                    .anySatisfy(l -> assertThat(l).startsWith("control:other gone /proc/self/ns/net is now net:["));
        }
    }

    @Test
    void eachProbeKindReportsAMissingToolAsAnError() throws Exception {
        link("bash", "head");
        for (Probe probe : List.<Probe>of(Probes.tcp("n8n", "172.20.2.20", 5432),
                Probes.dns("vpn-client", "100.64.0.53", "mayi.ewutelo.cloud"),
                Probes.http("vpn-client", "100.64.0.14", 80, "mayi.ewutelo.cloud", "/"))) {
            ProbeResult result = ProbeResult.read(probe, runLocally(probe.command()));
            assertThat(result.error()).as("%s", result).isTrue();
            assertThatThrownBy(() -> read(result)).isInstanceOf(ProbeError.class)
                    .hasMessageContaining(probe.describe() + " could not run: ")
                    .hasMessageContaining("is not installed in the probe image");
        }
    }

    /** dig's answer as the probe image's dig prints it (a stand-in dig here), read into the rcode and the addresses. */
    @Test
    void theDnsProbeReadsTheResponseCodeAndTheAddressesFromDig() throws Exception {
        link("bash", "sed", "awk", "head");
        DnsProbe probe = Probes.dns("vpn-client", "100.64.0.53", "llm.ewutelo.cloud");
        fakeDig(0, ";; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4242\n"
                + ";; flags: qr aa rd; QUERY: 1, ANSWER: 2, AUTHORITY: 0, ADDITIONAL: 1\n\n;; OPT PSEUDOSECTION:\n"
                + "; EDNS: version: 0, flags:; udp: 1232\n;; ANSWER SECTION:\n"
                + "llm.ewutelo.cloud.\t60\tIN\tA\t100.64.0.14\nllm.ewutelo.cloud.\t60\tIN\tA\t100.64.0.15\n");
        assertThat(ProbeResult.read(probe, runLocally(probe.command())).answer()).isEqualTo("NOERROR 100.64.0.14 100.64.0.15");
        fakeDig(0, ";; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 7\n");
        assertThat(ProbeResult.read(probe, runLocally(probe.command())).dns().nxdomain()).isTrue();
        fakeDig(9, ";; communications error to 100.64.0.53#53: timed out\n");
        assertThat(ProbeResult.read(probe, runLocally(probe.command())).dns().answered()).isFalse();
        fakeDig(0, "something else entirely\n");
        assertThat(ProbeResult.read(probe, runLocally(probe.command())).error()).isTrue();
    }

    /** A dig on the test's PATH that prints {@code output} (printf escapes) and exits with {@code exit}. */
    private void fakeDig(int exit, String output) throws Exception {
        Path dig = bin.resolve("dig");
        Files.writeString(dig, "#!" + bin.resolve("bash") + "\nprintf '" + output + "'\nexit " + exit + "\n");
        dig.toFile().setExecutable(true);
    }

    @Test
    void anUnparsableAnswerIsAnErrorAndTheKnownOnesAreObservations() {
        TcpProbe tcp = Probes.tcp("n8n", "172.20.2.20", 5432);
        assertThatThrownBy(() -> ProbeResult.read(tcp, "Segmentation fault").reached())
                .isInstanceOf(ProbeError.class).hasMessageContaining("unparsable answer 'Segmentation fault'");
        assertThatThrownBy(() -> ProbeResult.read(tcp, "").reached())
                .isInstanceOf(ProbeError.class).hasMessageContaining("the probe printed nothing");
        assertThat(ProbeResult.read(tcp, "open").reached()).isTrue();
        assertThat(ProbeResult.read(tcp, "refused").reached()).isTrue();
        assertThat(ProbeResult.read(tcp, "silent").reached()).isFalse();
        HttpProbe http = Probes.http("vpn-client", "100.64.0.14", 80, "mayi.ewutelo.cloud", "/");
        assertThat(ProbeResult.read(http, "403").http().status()).isEqualTo(403);
        assertThat(ProbeResult.read(http, "000").http().status()).isZero();
        assertThatThrownBy(() -> ProbeResult.read(http, "curl: (2) bad").http()).isInstanceOf(ProbeError.class);
    }

    private static Object read(ProbeResult result) {
        if (result.probe() instanceof TcpProbe) {
            return result.reached();
        }
        return result.probe() instanceof DnsProbe ? result.dns() : result.http();
    }

    private String runLocally(String command) {
        return ProcessRunner.run(List.of(bin.resolve("bash").toString(), "-c", command), null,
                Map.of("PATH", bin.toString()), Duration.ofSeconds(10)).output().strip();
    }

    /** Puts the named host tools, and only those, on the test's PATH. */
    private void link(String... tools) throws Exception {
        for (String tool : tools) {
            for (String dir : List.of("/usr/bin", "/bin")) {
                Path real = Path.of(dir, tool);
                if (Files.isExecutable(real)) {
                    // A copy, not a link: JUnit warns about links that point out of its temp dir.
                    Files.copy(real, bin.resolve(tool), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                    break;
                }
            }
        }
    }

    /** A target whose "sidecar" is a bash on this machine with a chosen PATH: enough to run a batch script. */
    private record LocalBash(Path bin) implements Target {
        @Override
        public String name() {
            return "local-bash";
        }

        @Override
        public Stack model() {
            return VpaiStack.model();
        }

        @Override
        public Optional<DestructiveAccess> destructive() {
            return Optional.empty();
        }

        @Override
        public Fidelity fidelity(String service) {
            return Fidelity.REAL;
        }

        @Override
        public Map<String, ContainerState> states() {
            return Map.of();
        }

        @Override
        public List<ContainerEvent> events() {
            return List.of();
        }

        @Override
        public ShellResult probeFrom(String service, String script, Duration timeout) {
            ShellResult result = ProcessRunner.run(List.of(bin.resolve("bash").toString(), "-c", script), null,
                    Map.of("PATH", bin.toString()), timeout);
            return new ShellResult(result.exitCode(), result.output(), "");
        }

        @Override
        public List<io.vpai.harness.inventory.InspectedContainer> inspect() {
            return List.of();
        }

        @Override
        public List<String> expectedCompose() {
            return List.of();
        }

        @Override
        public String project() {
            return "local-bash";
        }

        @Override
        public io.vpai.harness.render.CaddyFiles expectedCaddyFiles() {
            return new io.vpai.harness.render.CaddyFiles("", "");
        }

        @Override
        public Optional<String> readFile(String path) {
            return Optional.empty();
        }

        @Override
        public Optional<Fixtures> fixtures() {
            return Optional.empty();
        }

        @Override
        public List<Cidr> probeableNetworks() {
            return VpaiStack.model().networks().stream().map(n -> n.subnet()).toList();
        }

    }
}
