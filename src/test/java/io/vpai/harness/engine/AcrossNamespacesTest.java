package io.vpai.harness.engine;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.ssh.LoopbackPorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The long-lived namespace prober, with the probe image's real {@code vpai-tcp-probe} run by this machine's python3
 * behind a {@code docker} on the test's PATH that knows two things: which process each "service" runs (a
 * {@code sleep} of this test, in this machine's namespace) and how to exec the prober. It records its calls, so
 * the tests see what a matrix costs in engine calls; a "service" can be given a new process, as a restarted
 * container is.
 */
@Tag("gate")
@DisplayName("The long-lived namespace prober answers matrix after matrix and never probes from a stale namespace")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.PROBES)
class AcrossNamespacesTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    @TempDir
    Path dir;
    private final Map<String, Process> services = new TreeMap<>();
    private AcrossNamespaces prober;
    private ServerSocket open;

    @BeforeEach
    void fakeEngine() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "joining a network namespace (setns) needs root; CI runs as root");
        Path tool = Path.of(System.getProperty("basedir", ".")).resolve("src/main/docker/probe/tcp-prober.py")
                .toAbsolutePath();
        Path docker = dir.resolve("docker");
        Files.writeString(docker, """
                #!/bin/bash
                echo "$1" >> %1$s/calls
                case "$1" in
                  ps) echo c1 ;;
                  inspect) cat %1$s/pids ;;
                  exec) exec python3 %2$s --serve ;;
                esac
                """.formatted(dir, tool));
        assertThat(docker.toFile().setExecutable(true)).isTrue();
        open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        run("redis");
        run("n8n");
        prober = new AcrossNamespaces(new DockerEngine(new OnPath(dir), Duration.ofSeconds(10)), "p", () -> "c1");
    }

    @AfterEach
    void stop() throws IOException {
        if (prober != null) {
            prober.close();
        }
        services.values().forEach(Process::destroyForcibly);
        if (open != null) {
            open.close();
        }
    }

    @Test
    @DisplayName("a matrix is answered from each source, with its control, and the next one costs no engine look-up")
    void aMatrixIsAnsweredFromEachSourceAndTheNextCostsNoEngineLookUp() throws Exception {
        int closed = LoopbackPorts.closed();
        List<NamespaceProber.Connect> matrix = List.of(connect("0", "redis", open.getLocalPort()),
                connect("1", "n8n", closed), connect("2", "n8n", open.getLocalPort()));
        assertThat(prober.probe(matrix, TIMEOUT).byKey()).containsEntry("control:redis", "open")
                .containsEntry("control:n8n", "open").containsEntry("0", "open").containsEntry("1", "refused")
                .containsEntry("2", "open");

        assertThat(prober.probe(matrix, TIMEOUT).byKey()).containsEntry("0", "open").containsEntry("1", "refused");
        assertThat(calls()).as("engine calls over two matrices: one look-up, one prober started")
                .containsExactly("ps", "inspect", "exec");
    }

    @Test
    @DisplayName("a source given a new process is looked up again, never probed from its old namespace")
    void aSourceGivenANewProcessIsLookedUpAgain() throws Exception {
        List<NamespaceProber.Connect> matrix = List.of(connect("0", "redis", open.getLocalPort()));
        prober.probe(matrix, TIMEOUT);
        services.get("redis").destroyForcibly().waitFor();
        run("redis");

        assertThat(prober.probe(matrix, TIMEOUT).byKey()).containsEntry("control:redis", "open").containsEntry("0", "open");
        assertThat(calls()).as("the old PID answered 'gone': looked up again, same prober")
                .containsExactly("ps", "inspect", "exec", "ps", "inspect");
    }

    @Test
    @DisplayName("a prober that died is started again, once")
    void aProberThatDiedIsStartedAgain() throws Exception {
        List<NamespaceProber.Connect> matrix = List.of(connect("0", "redis", open.getLocalPort()));
        prober.probe(matrix, TIMEOUT);
        new ProcessBuilder("pkill", "-f", "tcp-prober.py --serve").start().waitFor();

        assertThat(prober.probe(matrix, TIMEOUT).byKey()).containsEntry("0", "open");
        assertThat(calls()).containsExactly("ps", "inspect", "exec", "exec");
    }

    @Test
    @DisplayName("a source without a process is an error naming it")
    void aSourceWithoutAProcessIsAnError() {
        assertThatThrownBy(() -> prober.probe(List.of(connect("0", "qdrant", open.getLocalPort())), TIMEOUT))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("no running process, so no network namespace to probe from, for [qdrant]");
    }

    private static NamespaceProber.Connect connect(String key, String source, int port) {
        return new NamespaceProber.Connect(key, source, "127.0.0.1", port);
    }

    /** Gives {@code service} a new process, as a restarted container, and tells the fake engine. */
    private void run(String service) throws IOException {
        services.put(service, new ProcessBuilder("sleep", "600").start());
        StringBuilder pids = new StringBuilder();
        services.forEach((name, process) -> pids.append(name).append(' ').append(process.pid()).append('\n'));
        Files.writeString(dir.resolve("pids"), pids);
    }

    private List<String> calls() throws IOException {
        return Files.readAllLines(dir.resolve("calls"));
    }

    /** This machine's shell with the test's directory first on PATH, so "docker" is the test's. */
    private record OnPath(Path bin) implements Shell {
        private static final LocalShell LOCAL = new LocalShell();

        private String onPath(String command) {
            return "PATH=" + bin + ":$PATH; " + command;
        }

        @Override
        public ShellResult run(String command, String stdin, Duration timeout) {
            return LOCAL.run(onPath(command), stdin, timeout);
        }

        @Override
        public Following follow(String command, Duration limit, Consumer<String> lines) {
            return LOCAL.follow(onPath(command), limit, lines);
        }

        @Override
        public Optional<Conversation> converse(String command) {
            return LOCAL.converse(onPath(command));
        }

        @Override
        public void write(String path, byte[] content, int mode) {
            LOCAL.write(path, content, mode);
        }

        @Override
        public String describe() {
            return "this machine";
        }

        @Override
        public void close() {
        }
    }
}
