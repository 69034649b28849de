package io.vpai.harness.ship;

import io.vpai.harness.check.Finding;
import io.vpai.harness.gate.GateReport;
import io.vpai.harness.model.Stack;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Promotion, stage by stage ({@link ShipStage}): render → gate → check hosts → deploy to preprod → smoke (its verdict
 * recorded on preprod) → with a {@link Confirmation}, deploy the same bytes to production → check production; and
 * {@link #rollback}. Any bad state stops it with one {@link ShipRefused} line; every refusal up to the preprod deploy
 * leaves both hosts as they were, and production is written only through a {@link DeployAccess}.
 */
public final class Ship {
    /** What a ship did, when it did not refuse. */
    public enum Outcome { SHIPPED, PREPROD_ONLY, ROLLED_BACK }

    /** Bounds of {@code compose up} and of the wait for every service to be ready, on either host. */
    public record Timeouts(Duration up, Duration ready) {
    }

    private final Stack model;
    private final ShipHost.Spec preprod;
    private final ShipHost.Spec production;
    private final Timeouts timeouts;
    private final Stages stages;
    private final Consumer<String> log;
    private final Clock clock;
    private final Function<ShipHost.Spec, ShipHost> connector;

    public Ship(Stack model, ShipHost.Spec preprod, ShipHost.Spec production, Timeouts timeouts, Stages stages,
                Consumer<String> log, Clock clock) {
        this(model, preprod, production, timeouts, stages, log, clock, spec -> ShipHost.connect(spec, model));
    }

    /** {@code connector}: how a host is reached; over SSH, or a test's shell. */
    Ship(Stack model, ShipHost.Spec preprod, ShipHost.Spec production, Timeouts timeouts, Stages stages,
         Consumer<String> log, Clock clock, Function<ShipHost.Spec, ShipHost> connector) {
        if (!production.production() || preprod.production()) {
            throw new IllegalArgumentException("ship goes from preprod (" + preprod.endpoint() + ") to production ("
                    + production.endpoint() + "): the second must be the environment named production, the first not");
        }
        this.model = model;
        this.preprod = preprod;
        this.production = production;
        this.timeouts = timeouts;
        this.stages = stages;
        this.log = log;
        this.clock = clock;
        this.connector = connector;
    }

    /**
     * Ships {@code release}; without a confirmation it stops after the smoke, production untouched.
     *
     * @throws ShipRefused at the first bad state, one line
     */
    public Outcome ship(Release release, Supplier<GateReport> gate, Optional<Confirmation> confirmation) {
        RenderHash hash = stages.run(ShipStage.RENDER, () -> {
            RenderHash rendered = release.hash();
            log.accept("render " + rendered + ": " + release.files().size() + " files");
            return rendered;
        });
        stages.run(ShipStage.GATE, () -> {
            passGate(gate.get());
            return null;
        });
        try (Hosts hosts = stages.run(ShipStage.CHECK_HOSTS, () -> connect(h -> Preflight.forShip(h.preprod(),
                h.production(), hash, release.composeText(), confirmation.isPresent())))) {
            stages.run(ShipStage.DEPLOY_PREPROD, () -> deployPreprod(hosts.preprod(), release));
            stages.run(ShipStage.SMOKE, () -> smoke(hosts.preprod(), release));
            if (confirmation.isEmpty()) {
                log.accept("production not touched: render " + hash + " is smoked green on preprod; to ship it, run "
                        + "ship again with " + Confirmation.OPTION + "=<production host>");
                return Outcome.PREPROD_ONLY;
            }
            stages.run(ShipStage.DEPLOY_PRODUCTION, () -> deployProduction(hosts, release));
            stages.run(ShipStage.CHECK_PRODUCTION, () -> checkProduction(hosts.production(), release.listing(),
                    release.composeText(), "ship --rollback restores the tree it replaced"));
            log.accept("shipped render " + hash + " to " + hosts.production().describe());
            return Outcome.SHIPPED;
        }
    }

    /**
     * Restores production's previous tree ({@code compose.previous/}, swapped with {@code compose/}, so a second
     * rollback undoes the first), given a green preprod smoke of that tree's render. Preprod is read, never written.
     */
    public Outcome rollback(Confirmation confirmation) {
        try (Hosts hosts = stages.run(ShipStage.CHECK_HOSTS, () -> connect(h -> Preflight.forRollback(h.production())))) {
            ShipHost host = hosts.production();
            TreeListing previous = stages.run(ShipStage.ROLL_BACK_PRODUCTION, () -> {
                TreeListing restoring = reading(ShipStage.ROLL_BACK_PRODUCTION,
                        () -> host.listing(host.previousDirectory()).orElseThrow());
                RenderHash hash = restoring.hash();
                HostWrites writes = HostWrites.onProduction(reading(ShipStage.ROLL_BACK_PRODUCTION, () ->
                        DeployAccess.grant(hosts.preprod(), hash, host, ShipStage.ROLL_BACK_PRODUCTION)));
                changing(ShipStage.ROLL_BACK_PRODUCTION, () -> {
                    writes.swapWithPrevious(hash);
                    writes.record(new Ledger.Change(clock.instant(), Ledger.ROLLBACK, hash));
                    log.accept(host.name() + ": render " + hash + " restored in " + host.composeDirectory()
                            + "; the tree it replaced is now " + host.previousDirectory());
                    writes.start(timeouts.up(), timeouts.ready(), log);
                });
                return restoring;
            });
            stages.run(ShipStage.CHECK_PRODUCTION, () -> checkProduction(host, previous, reading(
                    ShipStage.CHECK_PRODUCTION, () -> host.target().readFile(host.composeFile()).orElseThrow()),
                    "a second ship --rollback returns to the render rolled back from"));
            log.accept("rolled production back to render " + previous.hash() + "; preprod left as it is (it keeps the "
                    + "render it last smoked; the next ship replaces it)");
            return Outcome.ROLLED_BACK;
        }
    }

    private void passGate(GateReport report) {
        if (report.passed()) {
            log.accept("gate passed (" + report.findings().size() + " findings)");
            return;
        }
        List<Finding> failed = report.findings().stream().filter(Finding::failed).toList();
        Finding first = failed.get(0);
        throw new ShipRefused(ShipStage.GATE, "the gate failed with " + failed.size() + " finding(s); first: "
                + first.checkId() + " [" + first.subject() + "] " + first.message() + " (run the gate for the report)");
    }

    private Hosts connect(Consumer<Hosts> check) {
        List<ShipHost> connected = new ArrayList<>();
        try {
            connected.add(connector.apply(preprod));
            connected.add(connector.apply(production));
            Hosts hosts = new Hosts(connected.get(0), connected.get(1));
            check.accept(hosts);
            log.accept("hosts checked: " + hosts.preprod().describe() + ", " + hosts.production().describe());
            return hosts;
        } catch (ShipRefused e) {
            connected.forEach(ShipHost::close);
            throw e;
        } catch (RuntimeException e) {
            // unreachable, unknown host key, login refused, a host that cannot be read: one line each
            connected.forEach(ShipHost::close);
            throw new ShipRefused(ShipStage.CHECK_HOSTS, e.getMessage() + "; nothing was changed");
        }
    }

    private Void deployPreprod(ShipHost host, Release release) {
        HostWrites writes = HostWrites.onPreprod(host, reading(ShipStage.DEPLOY_PREPROD,
                () -> host.target().requireDestructive("ship to " + host.name())));
        installAndStart(ShipStage.DEPLOY_PREPROD, host, writes, release);
        return null;
    }

    /** Installs the release unless the host already runs it (its previous tree then stays), and starts it. */
    private void installAndStart(ShipStage stage, ShipHost host, HostWrites writes, Release release) {
        RenderHash hash = release.hash();
        changing(stage, () -> {
            if (Ledger.read(host).current().filter(hash::equals).isPresent()) {
                log.accept(host.name() + " already runs render " + hash + ": nothing uploaded");
            } else {
                writes.install(release, log);
                writes.record(new Ledger.Change(clock.instant(), Ledger.SHIP, hash));
            }
            writes.start(timeouts.up(), timeouts.ready(), log);
        });
    }

    private Void smoke(ShipHost host, Release release) {
        CheckReport report = Smoke.run(host, release.listing(), host.composeTexts(release.composeText()));
        report.problems().forEach(f -> log.accept("  " + f));
        // The verdict is recorded for the bytes on the host, read back: the same bytes production will get.
        RenderHash onHost = reading(ShipStage.SMOKE, () -> host.listing(host.composeDirectory()).map(TreeListing::hash)
                .orElse(release.hash()));
        HostWrites writes = HostWrites.onPreprod(host, reading(ShipStage.SMOKE,
                () -> host.target().requireDestructive("record the smoke on " + host.name())));
        changing(ShipStage.SMOKE, () -> writes.record(new Ledger.SmokeRun(clock.instant(), report.green(), onHost,
                report.counts())));
        if (!report.green()) {
            throw new ShipRefused(ShipStage.SMOKE, "the smoke of render " + release.hash() + " on " + host.describe()
                    + " is red: " + report.summary() + "; preprod keeps the render for inspection, production untouched");
        }
        log.accept("smoke green on " + host.name() + " for render " + onHost + ": " + report.counts());
        return null;
    }

    private Void deployProduction(Hosts hosts, Release release) {
        HostWrites writes = HostWrites.onProduction(reading(ShipStage.DEPLOY_PRODUCTION, () ->
                DeployAccess.grant(hosts.preprod(), release.hash(), hosts.production(), ShipStage.DEPLOY_PRODUCTION)));
        installAndStart(ShipStage.DEPLOY_PRODUCTION, hosts.production(), writes, release);
        return null;
    }

    private Void checkProduction(ShipHost host, TreeListing expected, String shippedCompose, String wayBack) {
        CheckReport report = new CheckReport(HostCheck.run(host, expected, host.composeTexts(shippedCompose)));
        report.problems().forEach(f -> log.accept("  " + f));
        if (!report.green()) {
            throw ShipRefused.afterChanges(ShipStage.CHECK_PRODUCTION, "the check of " + host.describe() + " after the "
                    + "change is red: " + report.summary() + "; " + wayBack, null);
        }
        log.accept("production check green on " + host.name() + ": " + report.counts());
        return null;
    }

    /** A stage's reading before it writes: a failure is a refusal, nothing having changed. */
    private static <T> T reading(ShipStage stage, Supplier<T> read) {
        try {
            return read.get();
        } catch (ShipRefused e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ShipRefused(stage, e.getMessage() + "; nothing was changed");
        }
    }

    /** A stage that writes: a failure midway is reported as such, with the way back. */
    private static void changing(ShipStage stage, Runnable change) {
        try {
            change.run();
        } catch (ShipRefused e) {
            throw e;
        } catch (RuntimeException e) {
            throw ShipRefused.afterChanges(stage, e.getMessage() + (stage == ShipStage.DEPLOY_PREPROD
                    || stage == ShipStage.SMOKE ? "; production untouched"
                    : "; compose.previous/ holds the tree before: ship --rollback puts it back"), e);
        }
    }

    /** Both hosts, connected for the length of one ship. */
    private record Hosts(ShipHost preprod, ShipHost production) implements AutoCloseable {
        @Override
        public void close() {
            try {
                preprod.close();
            } finally {
                production.close();
            }
        }
    }
}
