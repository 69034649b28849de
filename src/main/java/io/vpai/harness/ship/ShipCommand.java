package io.vpai.harness.ship;

import io.vpai.harness.environment.Environment;
import io.vpai.harness.environment.EnvironmentException;
import io.vpai.harness.environment.Environments;
import io.vpai.harness.environment.SshEnvironment;
import io.vpai.harness.gate.rendered.PreDeployGate;
import io.vpai.harness.model.Stack;
import io.vpai.harness.render.RenderAll;
import io.vpai.harness.ssh.SshSettings;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ship} and {@code ship --rollback} from the command line, between the hosts of
 * {@code environments/preprod.yaml} and {@code environments/production.yaml} (variables from the process
 * environment). Exit codes: 0 shipped (or stopped after preprod without a confirmation, or rolled back), 1 refused or
 * failed (one line on stderr), 2 bad input (one {@code error:} line, before anything is contacted).
 */
public final class ShipCommand {
    private static final String PREPROD = "preprod";
    static final Ship.Timeouts TIMEOUTS = new Ship.Timeouts(Duration.ofMinutes(15), Duration.ofMinutes(5));

    /** The parsed options: {@code --rollback}, and the production host typed after {@code --confirm-production=}. */
    public record Options(boolean rollback, Optional<String> confirmProduction) {
    }

    private ShipCommand() {
    }

    /** @throws EnvironmentException one line, for an environment file that is broken or does not resolve (bad input) */
    public static int run(Path root, Stack model, Options options, Map<String, String> env, PrintStream out,
                          PrintStream err) {
        ShipHost.Spec preprod = spec(root, PREPROD, model, env);
        ShipHost.Spec production = spec(root, SshEnvironment.PRODUCTION, model, env);
        Optional<Confirmation> confirmation;
        try {
            confirmation = options.confirmProduction().map(typed -> Confirmation.of(typed, production.endpoint()));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        Ship ship = new Ship(model, preprod, production, TIMEOUTS, Stages.plain(), line -> out.println("[ship] " + line),
                Clock.systemUTC());
        try {
            if (options.rollback()) {
                ship.rollback(confirmation.orElseThrow());
            } else {
                ship.ship(new Release(RenderAll.render(model)),
                        () -> PreDeployGate.forProject(root, model).evaluate(model, LocalDate.now()), confirmation);
            }
            return 0;
        } catch (ShipRefused e) {
            err.println(e.line());
            return 1;
        } catch (RuntimeException e) {
            // Each stage turns what it expects into a ShipRefused; anything else still ends in one line.
            err.println("ship failed: " + String.valueOf(e.getMessage()).replace('\n', ' '));
            return 1;
        }
    }

    private static ShipHost.Spec spec(Path root, String name, Stack model, Map<String, String> env) {
        Environment environment = Environments.load(root, name, model);
        if (!(environment instanceof SshEnvironment ssh)) {
            throw EnvironmentException.of(null, Environments.DIRECTORY + "/" + name + ".yaml: ship needs a host over "
                    + "SSH there (target: ssh)");
        }
        return new ShipHost.Spec(ssh.resolve(env), SshSettings.fromSystemProperties("vpai/probe"), List.of());
    }
}
