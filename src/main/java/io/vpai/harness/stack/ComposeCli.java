package io.vpai.harness.stack;

import io.vpai.harness.engine.Compose;
import io.vpai.harness.engine.LocalShell;
import io.vpai.harness.engine.Shell;
import io.vpai.harness.engine.ShellResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@link Compose} on this machine, for the stacks the harness starts itself: the run's variables (secrets among
 * them) go into an owner-only env file for the one call, deleted after it, never onto the command line.
 */
public final class ComposeCli {
    private final Shell shell = new LocalShell();
    private final Compose compose;

    private ComposeCli(Compose compose) {
        this.compose = compose;
    }

    public static ComposeCli detect() {
        return new ComposeCli(Compose.detect(new LocalShell(), Duration.ofSeconds(20)));
    }

    public String version() {
        return compose.version();
    }

    public boolean isV1() {
        return compose.isV1();
    }

    public ShellResult run(String project, Path projectDirectory, List<Path> files, Map<String, String> env,
                           Duration timeout, String... args) {
        Path envFile = null;
        try {
            envFile = Files.createTempFile("vpai-compose-", ".env",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(envFile, env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + "\n")
                    .collect(Collectors.joining()), StandardCharsets.UTF_8);
            return shell.run(compose.command(project, projectDirectory.toString(),
                    files.stream().map(Path::toString).toList(), envFile.toString(), args), timeout);
        } catch (IOException e) {
            throw new StackException("cannot write the env file for compose " + String.join(" ", args) + ": "
                    + e.getMessage());
        } finally {
            if (envFile != null) {
                envFile.toFile().delete();
            }
        }
    }

    public void require(String project, Path projectDirectory, List<Path> files, Map<String, String> env,
                        Duration timeout, String... args) {
        ShellResult result = run(project, projectDirectory, files, env, timeout, args);
        if (!result.ok()) {
            throw new StackException("compose " + String.join(" ", args) + " failed (exit " + result.exitCode() + "): "
                    + result.tail(8));
        }
    }
}
