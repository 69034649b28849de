package io.vpai.harness.cli;

import io.vpai.harness.bench.Benchmarks;
import io.vpai.harness.environment.EnvironmentException;
import io.vpai.harness.environment.Environments;
import io.vpai.harness.gate.GateCommand;
import io.vpai.harness.gate.rendered.PreDeployGate;
import io.vpai.harness.images.OfflineImages;
import io.vpai.harness.model.ModelException;
import io.vpai.harness.model.ModelValidator;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.render.RenderCommand;
import io.vpai.harness.ship.ShipCommand;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The harness's command line (run through Maven: {@code mvn -q compile exec:java -Dexec.args="gate"}).
 * Exit codes: 0 success, 1 a check failed, 2 bad input — arguments, project root, {@code -Dvpai.env},
 * an environment file, the model, or a render that could not be written. Bad input is one line on
 * stderr ({@code error: …}), printed before anything is rendered, built or started.
 */
public final class Main {
    private static final String USAGE = """
            usage: vpai <command>   (from the project root or below it; -Dvpai.root=DIR overrides)
              render          render the model into compose/ (atomic: all files or none)
              render --check  exit 1 when compose/ differs from a fresh render
              gate            the pre-deploy gate: model rules, environment files, drift, real tools, secrets
              images          build the offline images (cached by input hash)
              up [SECONDS]    bring the stack up in the selected environment (-Dvpai.env), hold it
                              for SECONDS (1..86400, default 600) for manual inspection, then remove it
              bench gate      benchmark: model + validation + render + gate rules
              bench bringup   benchmark: bring-up through the harness vs raw docker-compose
              bench matrix    benchmark: the full reachability matrix
              bench backup    benchmark: backup and restore durations
              bench nightly   benchmark: the main job split into phases
              bench images    benchmark: each offline image's cold build
              ship            render, gate, deploy to preprod, smoke; stops before production
              ship --confirm-production=HOST
                              the same, then the same bytes to production (HOST: the production host) and its check
              ship --rollback --confirm-production=HOST
                              restore production's previous compose/ tree
            exit codes: 0 success, 1 a check failed, 2 bad input""";

    static final int BAD_INPUT = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        return run(args, Path.of(""), System::getProperty);
    }

    /** {@code properties}: where -D settings are read (vpai.root, vpai.env, Maven's project directory). */
    static int run(String[] args, Path workingDirectory, UnaryOperator<String> properties) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(Arrays.asList(args));
        } catch (Arguments.BadArguments e) {
            return usage(e.getMessage());
        }
        try {
            Path root = ProjectRoot.find(workingDirectory, properties);
            String environment = selectedEnvironment(root, properties);
            if (arguments.usesSelectedEnvironment()) {
                // Before anything touches Docker (the relaunch included): a broken file is one line here.
                Environments.load(root, environment, ModelValidator.validate(VpaiStack.model()));
                var relaunched = TestcontainersEnvironment.relaunchWithout(args, root);
                if (relaunched.isPresent()) {
                    return relaunched.getAsInt();
                }
            }
            return switch (arguments.command()) {
                case "render" -> arguments.check() ? RenderCommand.check(root) : RenderCommand.run(root);
                case "gate" -> gate(root);
                case "images" -> {
                    OfflineImages.ensureBuilt(root, System.out::println).all()
                            .forEach((name, ref) -> System.out.println(name + " " + ref));
                    yield 0;
                }
                case "bench" -> Benchmarks.run(root, arguments.benchmark());
                case "up" -> HoldStack.run(root, arguments.holdSeconds());
                case "ship" -> ShipCommand.run(root, ModelValidator.validate(VpaiStack.model()), arguments.ship(),
                        System.getenv(), System.out, System.err);
                default -> throw new IllegalStateException("parsed command without a runner: " + arguments.command());
            };
        } catch (ProjectRoot.NotFound | EnvironmentException e) {
            return error(e.getMessage());
        } catch (ModelException e) {
            return error("model: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
    }

    /**
     * {@code -Dvpai.env} must name a file in environments/, whatever the command: a typo is bad input,
     * not a silent fall-back. Unset means {@value Environments#DEFAULT}.
     */
    private static String selectedEnvironment(Path root, UnaryOperator<String> properties) {
        String name = properties.apply(Environments.PROPERTY);
        if (name == null) {
            return Environments.DEFAULT;
        }
        List<String> known = Environments.available(root);
        if (!known.contains(name)) {
            throw EnvironmentException.of(null, "-D" + Environments.PROPERTY + "=" + name + ": no environment '" + name
                    + "' in " + Environments.DIRECTORY + "/ (known: " + String.join(", ", known) + ")");
        }
        return name;
    }

    private static int gate(Path root) {
        Stack stack;
        try {
            stack = ModelValidator.validate(VpaiStack.model());
        } catch (ModelException e) {
            System.out.println("VPAI pre-deploy gate: FAILED — invalid model: " + e.getMessage());
            return GateCommand.FAILED;
        }
        return GateCommand.run(System.out, LocalDate.now(), () -> stack, PreDeployGate.forProject(root, stack));
    }

    private static int error(String problem) {
        System.err.println("error: " + problem);
        return BAD_INPUT;
    }

    static int usage(String problem) {
        System.err.println("error: " + problem);
        System.err.println(USAGE);
        return BAD_INPUT;
    }
}
