package io.vpai.harness.ship;

import io.vpai.harness.engine.Shell;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.environment.SshEndpoint;
import io.vpai.harness.environment.SshEnvironment;
import io.vpai.harness.model.Stack;
import io.vpai.harness.render.RenderCommand;
import io.vpai.harness.render.SeseComposeRenderer;
import io.vpai.harness.ssh.SeedManifest;
import io.vpai.harness.ssh.SshConnection;
import io.vpai.harness.ssh.SshException;
import io.vpai.harness.ssh.SshSettings;
import io.vpai.harness.ssh.SshTarget;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.vpai.harness.engine.ShellWords.quote;

/**
 * One host a ship touches, and where things lie on it. Reading goes through its {@link SshTarget}; nothing here
 * writes — that is {@link HostWrites}, which needs a capability. The layout under the deploy directory:
 * <pre>
 * compose/            the deployed render (plus the host's own sese-ai/.env, which is not part of it)
 * compose.previous/   the tree before the last change: what --rollback restores
 * ship/history        every render the host ran through ship, one line each: time, ship|rollback, render hash
 * ship/smoke          preprod: every smoke, one line each: time, green|red, render hash, counts
 * seed/manifest.tsv   preprod: what the seeding job promises
 * </pre>
 */
public final class ShipHost implements AutoCloseable {
    /** The host's own .env, relative to the tree: never part of a render, carried from tree to tree. */
    static final String ENV_IN_TREE = SeseComposeRenderer.PATH.substring(0, SeseComposeRenderer.PATH.lastIndexOf('/'))
            + "/.env";

    /**
     * How to reach a host and what runs there besides the render.
     *
     * @param extraComposeFiles absolute paths on the host of compose files read after the shipped one (an
     *                          environment's override: the local stand-ins have one; real hosts none)
     */
    public record Spec(SshEndpoint endpoint, SshSettings settings, List<String> extraComposeFiles) {
        public Spec {
            extraComposeFiles = List.copyOf(extraComposeFiles);
        }

        public boolean production() {
            return SshEnvironment.PRODUCTION.equals(endpoint.environment());
        }
    }

    private final Spec spec;
    private final SshTarget target;

    private ShipHost(Spec spec, SshTarget target) {
        this.spec = spec;
        this.target = target;
    }

    /** Connects with the pinned host key; no event reader is started (a ship watches no events). */
    static ShipHost connect(Spec spec, Stack model) {
        SshSettings settings = spec.settings();
        SshConnection connection = SshConnection.open(spec.endpoint(), settings.connectTimeout(), settings.handshakeTimeout());
        return new ShipHost(spec, SshTarget.over(connection, spec.endpoint(), model, settings));
    }

    /** Over a shell the caller made (a test's recording shell). */
    static ShipHost over(Spec spec, Shell shell, Stack model) {
        return new ShipHost(spec, SshTarget.over(shell, spec.endpoint(), model, spec.settings()));
    }

    public Spec spec() {
        return spec;
    }

    public SshTarget target() {
        return target;
    }

    public String name() {
        return spec.endpoint().environment();
    }

    /** {@code root@host:22 (preprod)}: what every message about this host names. */
    public String describe() {
        return spec.endpoint().toString();
    }

    String directory() {
        return spec.settings().deployDirectory();
    }

    public String composeDirectory() {
        return directory() + "/" + RenderCommand.OUTPUT_DIRECTORY;
    }

    public String previousDirectory() {
        return composeDirectory() + ".previous";
    }

    String nextDirectory() {
        return composeDirectory() + ".next";
    }

    String composeFile() {
        return composeDirectory() + "/" + SeseComposeRenderer.PATH;
    }

    String projectDirectory() {
        return composeFile().substring(0, composeFile().lastIndexOf('/'));
    }

    String envFile() {
        return composeDirectory() + "/" + ENV_IN_TREE;
    }

    public String historyFile() {
        return directory() + "/ship/history";
    }

    public String smokeFile() {
        return directory() + "/ship/smoke";
    }

    String seedManifest() {
        return directory() + "/" + SeedManifest.PATH;
    }

    /** Every compose file Compose reads, in order: the shipped one, then the environment's. */
    List<String> composeFiles() {
        List<String> files = new ArrayList<>();
        files.add(composeFile());
        files.addAll(spec.extraComposeFiles());
        return files;
    }

    /** What {@code directory} holds (the host's .env left out), or empty when there is no such directory. Read-only. */
    public Optional<TreeListing> listing(String directory) {
        ShellResult result = shell().run(TreeListing.script(quote(directory), ENV_IN_TREE),
                spec.settings().commandTimeout());
        if (result.exitCode() == 3) {
            return Optional.empty();
        }
        if (!result.ok()) {
            throw new SshException(describe() + ": cannot list " + directory + " (exit " + result.exitCode() + "): "
                    + result.tail(3));
        }
        return Optional.of(TreeListing.parse(result.stdout(), describe() + " " + directory));
    }

    /** The names the host's .env defines (never a value: only names cross the wire), or empty without a .env. */
    Optional<Set<String>> envVariables() {
        String file = quote(envFile());
        ShellResult result = shell().run("[ -f " + file + " ] || exit 3; sed -n 's/^\\([A-Za-z_][A-Za-z0-9_]*\\)=.*/\\1/p' "
                + file, spec.settings().commandTimeout());
        if (result.exitCode() == 3) {
            return Optional.empty();
        }
        if (!result.ok()) {
            throw new SshException(describe() + ": cannot read the variable names of " + envFile() + ": " + result.tail(3));
        }
        return Optional.of(new LinkedHashSet<>(result.stdout().lines().map(String::strip).toList()));
    }

    /** What the host's containers must match: {@code shipped}, then the environment's compose files as they lie there. */
    List<String> composeTexts(String shipped) {
        List<String> texts = new ArrayList<>();
        texts.add(shipped);
        for (String path : spec.extraComposeFiles()) {
            texts.add(target.readFile(path).orElseThrow(() -> new SshException(
                    describe() + ": the environment's compose file " + path + " is missing")));
        }
        return texts;
    }

    /** The shell the capability-holding {@link HostWrites} writes through; package-private on purpose. */
    Shell shell() {
        return target.engine().shell();
    }

    @Override
    public void close() {
        target.close();
    }
}
