package io.vpai.harness.gate.rendered;

import io.vpai.harness.engine.ShellResult;

import io.vpai.harness.check.Finding;
import io.vpai.harness.gate.GateRule;
import io.vpai.harness.model.Stack;
import io.vpai.harness.render.CaddyfileRenderer;
import io.vpai.harness.render.HeadscaleConfigRenderer;
import io.vpai.harness.render.RenderAll;
import io.vpai.harness.render.RenderedFile;
import io.vpai.harness.render.SekoComposeRenderer;
import io.vpai.harness.render.SeseComposeRenderer;
import io.vpai.harness.engine.ProcessRunner;
import io.vpai.harness.stack.StackException;
import io.vpai.harness.stack.TestSecrets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rendered files as the real tools read them: {@code docker compose config} (or v1's
 * {@code docker-compose config}) for both compose files, {@code caddy adapt} for the Caddyfile, and
 * {@code headscale configtest} for Headscale's config.yaml.
 * A tool that is not installed makes its check SKIPPED with the reason, never PASS; under CI
 * ({@code CI=true}) it is a FAIL naming the tool, since CI is where these checks must run.
 */
public final class RealToolsRule implements GateRule {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final boolean ci;
    private final String searchPath;

    /** {@code ci}: a missing tool fails instead of skipping; {@code searchPath}: PATH, where tools are looked up. */
    public RealToolsRule(boolean ci, String searchPath) {
        this.ci = ci;
        this.searchPath = searchPath == null ? "" : searchPath;
    }

    /** As the process runs: {@code CI=true} (any case) and its PATH. */
    public static RealToolsRule fromEnvironment() {
        return new RealToolsRule(isCi(System.getenv("CI")), System.getenv("PATH"));
    }

    static boolean isCi(String value) {
        return value != null && value.equalsIgnoreCase("true");
    }

    @Override
    public String id() {
        return "render.real-tools";
    }

    @Override
    public String description() {
        return "docker-compose config, caddy adapt and headscale configtest accept the rendered files";
    }

    @Override
    public List<Finding> evaluate(Stack stack) {
        List<RenderedFile> files = RenderAll.render(stack);
        List<Finding> findings = new ArrayList<>();
        try (RenderedWorkspace workspace = new RenderedWorkspace(files)) {
            List<String> compose = composeCommand();
            for (String path : List.of(SeseComposeRenderer.PATH, SekoComposeRenderer.PATH)) {
                findings.add(composeConfig(compose, workspace.root.resolve(path), path));
            }
            findings.add(caddyAdapt(workspace.root));
            findings.add(headscaleConfigtest(workspace.root));
        }
        return findings;
    }

    private Finding composeConfig(List<String> compose, Path file, String path) {
        if (compose == null) {
            return missing(path, "docker-compose", "neither 'docker compose' nor 'docker-compose' is installed");
        }
        // Dummy values for every referenced variable: config must interpolate, not complain of unset names.
        Map<String, String> env = new HashMap<>(TestSecrets.forCompose(read(file), Map.of()).asEnvironment());
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("-p", "vpaigate", "-f", file.toString(), "config", "-q"));
        ShellResult result = ProcessRunner.run(command, file.getParent(), env, TIMEOUT);
        return result.ok()
                ? Finding.pass(id(), path, String.join(" ", compose) + " config accepts it")
                : Finding.fail(id(), path, String.join(" ", compose) + " config rejects it: " + result.tail(3));
    }

    /**
     * The shipped Caddyfile as production's Caddy reads it: with the {@code environment.caddy} it imports from beside
     * it, whose {@code acme_dns ovh} needs the OVH DNS module. A caddy without that module rejects it ("not
     * registered"): the check fails, naming where a caddy with the module comes from.
     */
    private Finding caddyAdapt(Path root) {
        Optional<Path> caddy = locate("caddy");
        if (caddy.isEmpty()) {
            return missing(CaddyfileRenderer.PATH, "caddy", "caddy is not installed (.ci/provision builds it)");
        }
        ShellResult result = ProcessRunner.run(List.of(caddy.get().toString(), "adapt", "--config",
                root.resolve(CaddyfileRenderer.PATH).toString(), "--adapter", "caddyfile"), TIMEOUT);
        if (result.ok()) {
            return Finding.pass(id(), CaddyfileRenderer.PATH, "caddy adapt accepts the shipped Caddyfile and "
                    + CaddyfileRenderer.ENVIRONMENT_FILE);
        }
        String hint = result.output().contains("not registered")
                ? " (this caddy lacks a module the file needs; .ci/provision builds Caddy with the OVH DNS module)" : "";
        return Finding.fail(id(), CaddyfileRenderer.PATH, "caddy adapt rejects it: " + result.tail(3) + hint);
    }

    /**
     * Headscale builds its whole server from the file (keys, database, DERP, DNS) and exits on anything it
     * refuses. Its state goes to the workspace, never to the paths the file names for Seko-VPN.
     */
    private Finding headscaleConfigtest(Path root) {
        String path = HeadscaleConfigRenderer.PATH;
        Optional<Path> headscale = locate("headscale");
        if (headscale.isEmpty()) {
            return missing(path, "headscale", "headscale is not installed (.ci/provision builds it)");
        }
        Path state = root.resolve("headscale-state");
        try {
            Files.createDirectories(state);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> env = Map.of(
                "HEADSCALE_DATABASE_SQLITE_PATH", state.resolve("db.sqlite").toString(),
                "HEADSCALE_NOISE_PRIVATE_KEY_PATH", state.resolve("noise_private.key").toString(),
                "HEADSCALE_DERP_SERVER_PRIVATE_KEY_PATH", state.resolve("derp_server_private.key").toString(),
                "HEADSCALE_UNIX_SOCKET", state.resolve("headscale.sock").toString());
        ShellResult result = ProcessRunner.run(List.of(headscale.get().toString(), "--config",
                root.resolve(path).toString(), "configtest"),
                root, env, TIMEOUT);
        return result.ok()
                ? Finding.pass(id(), path, "headscale configtest accepts it")
                : Finding.fail(id(), path, "headscale configtest rejects it: " + result.tail(3));
    }

    private Finding missing(String path, String tool, String reason) {
        return ci
                ? Finding.fail(id(), path, "missing tool " + tool + ": " + reason + " (CI=true: the real-tool check must run)")
                : Finding.skipped(id(), path, "not checked: " + reason + " (install " + tool + " to run it)");
    }

    private List<String> composeCommand() {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            if (!onPath(candidate.get(0))) {
                continue;
            }
            List<String> version = new ArrayList<>(candidate);
            version.add("version");
            try {
                if (ProcessRunner.run(version, TIMEOUT).ok()) {
                    return candidate;
                }
            } catch (StackException ignored) {
                // not usable; try the next one
            }
        }
        return null;
    }

    private boolean onPath(String program) {
        return locate(program).isPresent();
    }

    /** The program as the search path finds it: the one that runs, not another of that name on the JVM's PATH. */
    private Optional<Path> locate(String program) {
        for (String dir : searchPath.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Optional.of(Path.of(dir, program));
            }
        }
        return Optional.empty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
