package io.vpai.harness.ship;

import io.vpai.harness.engine.LocalShell;
import io.vpai.harness.engine.Shell;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.environment.HostKeyPolicy;
import io.vpai.harness.environment.SshEndpoint;
import io.vpai.harness.model.ModelValidator;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.render.RenderAll;
import io.vpai.harness.render.RenderedFile;
import io.vpai.harness.ssh.SshSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Preprod and production as two directories on this machine, reached through this machine's shell: everything a ship
 * does to files — reading its records, listing and hashing trees, installing, swapping — runs for real, without SSH or
 * Docker. Any command that would reach Docker fails the test, so a refusal that did not happen cannot start a stack.
 */
final class LocalHosts {
    static final Stack MODEL = ModelValidator.validate(VpaiStack.model());
    static final String FINGERPRINT = "SHA256:" + "A".repeat(43);

    final Path root;
    final ShipHost.Spec preprod;
    final ShipHost.Spec production;
    final List<String> log = new ArrayList<>();

    LocalHosts(Path root) {
        this.root = root;
        this.preprod = spec("preprod", true);
        this.production = spec("production", false);
    }

    private ShipHost.Spec spec(String name, boolean destructive) {
        SshEndpoint endpoint = new SshEndpoint(name, name + ".example.invalid", 22, "root", root.resolve("no-key"),
                new HostKeyPolicy.Fingerprint(FINGERPRINT), destructive);
        SshSettings settings = new SshSettings("vpaihship", root.resolve(name).toString(), "vpai/probe",
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(30), Optional.empty(), Map.of());
        return new ShipHost.Spec(endpoint, settings, List.of());
    }

    ShipHost host(ShipHost.Spec spec) {
        return ShipHost.over(spec, new NoDocker(), MODEL);
    }

    Ship ship() {
        return ship(spec -> host(spec));
    }

    Ship ship(java.util.function.Function<ShipHost.Spec, ShipHost> connector) {
        return new Ship(MODEL, preprod, production, new Ship.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)),
                Stages.plain(), log::add, Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC), connector);
    }

    /** The model's render: what ship ships. */
    static Release render() {
        return new Release(RenderAll.render(MODEL));
    }

    /** The render with one more line in {@code ARCHITECTURE.md}: another render, the same containers. */
    static Release variant(String line) {
        List<RenderedFile> files = new ArrayList<>();
        for (RenderedFile file : RenderAll.render(MODEL)) {
            files.add(file.path().equals("ARCHITECTURE.md")
                    ? new RenderedFile(file.path(), file.content() + line + "\n", false) : file);
        }
        return new Release(files);
    }

    Path directory(ShipHost.Spec spec) {
        return Path.of(spec.settings().deployDirectory());
    }

    /** Puts {@code release} in {@code <deploy>/<folder>} as a ship would have left it. */
    void tree(ShipHost.Spec spec, String folder, Release release) {
        for (RenderedFile file : release.files()) {
            Path path = directory(spec).resolve(folder).resolve(file.path());
            write(path, file.content(), file.executable() ? "rwxr-xr-x" : "rw-r--r--");
        }
    }

    /** A .env defining {@code names} (values made up here), mode 600. */
    void env(ShipHost.Spec spec, String folder, Iterable<String> names) {
        StringBuilder text = new StringBuilder("# test\n");
        names.forEach(n -> text.append(n).append("=t").append(Math.abs(n.hashCode())).append('\n'));
        write(directory(spec).resolve(folder).resolve(ShipHost.ENV_IN_TREE), text.toString(), "rw-------");
    }

    /** Appends ship records, as written lines ({@code Ledger.Change.line()} / {@code SmokeRun.line()}). */
    void history(ShipHost.Spec spec, Ledger.Change... changes) {
        append(directory(spec).resolve("ship/history"), Stream.of(changes).map(Ledger.Change::line).toList());
    }

    void smokes(Ledger.SmokeRun... runs) {
        append(directory(preprod).resolve("ship/smoke"), Stream.of(runs).map(Ledger.SmokeRun::line).toList());
    }

    static Ledger.Change shipped(Release release, String at) {
        return new Ledger.Change(Instant.parse(at), Ledger.SHIP, release.hash());
    }

    static Ledger.SmokeRun smoke(Release release, boolean green, String at) {
        return new Ledger.SmokeRun(Instant.parse(at), green, release.hash(), green ? "40 passed, 0 failed, 0 skipped"
                : "39 passed, 1 failed, 0 skipped");
    }

    /** Every file under both hosts with its bytes and mode: equal before and after means nothing changed. */
    Map<String, String> snapshot() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(path).toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(path))
                        + " " + RenderHash.sha256(Files.readAllBytes(path)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static void write(Path path, String content, String mode) {
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, content);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(Path path, List<String> lines) {
        try {
            Files.createDirectories(path.getParent());
            Files.write(path, lines, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This machine's shell, minus Docker: a ship that got as far as starting a stack fails the test instead. */
    static final class NoDocker implements Shell {
        private final LocalShell shell = new LocalShell();
        final List<String> commands = new ArrayList<>();

        @Override
        public ShellResult run(String command, String stdin, Duration timeout) {
            commands.add(command);
            if (command.contains("docker")) {
                throw new AssertionError("the ship reached Docker, which this test's hosts do not have: " + command);
            }
            return shell.run(command, stdin, timeout);
        }

        @Override
        public Following follow(String command, Duration limit, Consumer<String> lines) {
            throw new AssertionError("nothing a ship does follows a command: " + command);
        }

        @Override
        public void write(String path, byte[] content, int mode) {
            shell.write(path, content, mode);
        }

        @Override
        public String describe() {
            return "this machine (standing for a host)";
        }

        @Override
        public void close() {
        }
    }
}
