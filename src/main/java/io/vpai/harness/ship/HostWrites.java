package io.vpai.harness.ship;

import io.vpai.harness.engine.Compose;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.render.RenderedFile;
import io.vpai.harness.ssh.EnvFile;
import io.vpai.harness.ssh.SshException;
import io.vpai.harness.stack.TestSecrets;
import io.vpai.harness.target.DestructiveAccess;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static io.vpai.harness.engine.ShellWords.quote;

/**
 * Every change a ship makes to a host: install a render (keeping the tree it replaces), swap back to the previous
 * tree, start what is installed, append to the host's records. Built only from a capability — preprod's
 * {@link DestructiveAccess}, or production's {@link DeployAccess}, which also pins the one render it may install.
 */
final class HostWrites {
    private final ShipHost host;
    private final Optional<RenderHash> only;

    private HostWrites(ShipHost host, Optional<RenderHash> only) {
        this.host = host;
        this.only = only;
    }

    /** Preprod: the capability every writable environment hands out (never production). */
    static HostWrites onPreprod(ShipHost host, DestructiveAccess access) {
        if (access.target() != host.target()) {
            throw new IllegalArgumentException("the capability is for " + access.target().name() + ", not " + host.name());
        }
        return new HostWrites(host, Optional.empty());
    }

    /** Production: only the render preprod smoked green. */
    static HostWrites onProduction(DeployAccess access) {
        return new HostWrites(access.production(), Optional.of(access.hash()));
    }

    /**
     * Uploads the release into {@code compose.next/}, gives it the host's .env (the current one, or on preprod a fresh
     * one when there is none), reads the tree back, and only when it hashes to the release moves it into place — the
     * tree it replaces becomes {@code compose.previous/}.
     */
    void install(Release release, Consumer<String> log) {
        RenderHash hash = release.hash();
        permit(hash);
        String next = host.nextDirectory();
        String folders = release.files().stream().map(f -> next + "/" + f.path())
                .map(path -> quote(path.substring(0, path.lastIndexOf('/')))).distinct().collect(Collectors.joining(" "));
        run("rm -rf " + quote(next) + " && mkdir -p " + folders, "make " + next);
        for (RenderedFile file : release.files()) {
            host.shell().write(next + "/" + file.path(), file.bytes(), file.executable() ? 0755 : 0644);
        }
        String env = next + "/" + ShipHost.ENV_IN_TREE;
        ShellResult carried = host.shell().run("[ -f " + quote(host.envFile()) + " ] || exit 3; cp -p "
                + quote(host.envFile()) + " " + quote(env), timeout());
        if (carried.exitCode() == 3) {
            if (only.isPresent()) {
                throw new SshException(host.describe() + ": production has no " + host.envFile() + "; ship never writes one");
            }
            String referencing = String.join("\n", host.composeTexts(release.composeText()));
            EnvFile fresh = new EnvFile(TestSecrets.forCompose(referencing, Map.of()),
                    "Written by ship for preprod: one random value per variable; kept across ships.");
            host.shell().write(env, fresh.bytes(), EnvFile.MODE);
            log.accept(host.name() + " had no .env: wrote " + fresh + " (mode 600)");
        } else if (!carried.ok()) {
            throw failed("carry the .env into " + next, carried);
        }
        TreeListing landed = host.listing(next).orElseThrow();
        if (!landed.hash().equals(hash)) {
            run("rm -rf " + quote(next), "clear " + next);
            throw new SshException(host.describe() + ": the uploaded tree reads back as render " + landed.hash()
                    + ", not " + hash + " (" + String.join("; ", landed.differencesFrom(release.listing())) + ")");
        }
        Optional<TreeListing> replaced = host.listing(host.composeDirectory()).filter(t -> !t.isEmpty());
        String current = quote(host.composeDirectory());
        run("set -e; if [ -d " + current + " ]; then rm -rf " + quote(host.previousDirectory()) + "; mv " + current + " "
                + quote(host.previousDirectory()) + "; fi; mv " + quote(next) + " " + current, "move render " + hash
                + " into place");
        log.accept(host.name() + ": render " + hash + " installed in " + host.composeDirectory() + " ("
                + release.files().size() + " files); " + replaced.map(t -> "the tree it replaced (render " + t.hash()
                + ") is " + host.previousDirectory()).orElse("there was no render before it"));
    }

    /**
     * Swaps {@code compose/} and {@code compose.previous/}, so a second rollback undoes the first; the .env stays the
     * host's current one.
     */
    void swapWithPrevious(RenderHash previous) {
        permit(previous);
        String current = quote(host.composeDirectory());
        String before = quote(host.previousDirectory());
        String swap = quote(host.composeDirectory() + ".swap");
        String env = "/" + ShipHost.ENV_IN_TREE;
        run("set -e; rm -rf " + swap + "; mv " + current + " " + swap + "; mv " + before + " " + current + "; mv " + swap
                + " " + before + "; if [ -f " + quote(host.previousDirectory() + env) + " ]; then cp -p "
                + quote(host.previousDirectory() + env) + " " + quote(host.composeDirectory() + env) + "; fi",
                "swap " + host.composeDirectory() + " with " + host.previousDirectory());
    }

    /** {@code compose up -d --remove-orphans} with the host's Compose, then a bounded wait until every service is ready. */
    void start(Duration upTimeout, Duration readyDeadline, Consumer<String> log) {
        Compose compose = Compose.detect(host.shell(), timeout());
        String command = compose.command(host.spec().settings().project(), host.projectDirectory(), host.composeFiles(),
                host.envFile(), "up", "-d", "--remove-orphans");
        long start = System.nanoTime();
        ShellResult up = host.shell().run(command, upTimeout);
        if (!up.ok()) {
            throw failed("compose up (" + compose.version() + ")", up);
        }
        host.target().awaitReady(readyDeadline, log);
        log.accept(host.name() + ": every service ready " + Duration.ofNanos(System.nanoTime() - start).toSeconds()
                + " s after compose up (" + compose.version() + ")");
    }

    void record(Ledger.Change change) {
        permit(change.hash());
        append(host.historyFile(), change.line());
    }

    void record(Ledger.SmokeRun smoke) {
        if (only.isPresent()) {
            throw new IllegalStateException("smokes are recorded on preprod, not on " + host.describe());
        }
        append(host.smokeFile(), smoke.line());
    }

    private void append(String file, String line) {
        run("mkdir -p " + quote(file.substring(0, file.lastIndexOf('/'))) + " && printf '%s\\n' " + quote(line) + " >> "
                + quote(file), "append to " + file);
    }

    private void permit(RenderHash hash) {
        if (only.isPresent() && !only.get().equals(hash)) {
            throw new IllegalStateException("the deploy access on " + host.describe() + " is for render " + only.get()
                    + ", not " + hash);
        }
    }

    private void run(String script, String what) {
        ShellResult result = host.shell().run(script, timeout());
        if (!result.ok()) {
            throw failed(what, result);
        }
    }

    private SshException failed(String what, ShellResult result) {
        return new SshException(host.describe() + ": cannot " + what + " (exit " + result.exitCode() + "): " + result.tail(4));
    }

    private Duration timeout() {
        return host.spec().settings().commandTimeout();
    }
}
