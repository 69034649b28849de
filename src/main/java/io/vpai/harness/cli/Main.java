package io.vpai.harness.cli;

import io.vpai.harness.gate.GateCommand;
import io.vpai.harness.gate.rendered.PreDeployGate;
import io.vpai.harness.images.OfflineImages;
import io.vpai.harness.model.ModelException;
import io.vpai.harness.model.ModelValidator;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.render.RenderCommand;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The harness's command line (run through Maven: {@code mvn -q compile exec:java -Dexec.args="gate"}).
 * Exit codes: 0 success, 1 a check failed, 2 bad input (model, arguments).
 */
public final class Main {
    private static final String USAGE = """
            usage: vpai <command>
              render          render the model into compose/ (atomic)
              render --check  exit 1 when compose/ differs from a fresh render
              gate            the pre-deploy gate: model rules, drift, real tools, secrets
              images          build the offline images (cached by input hash)
              up [SECONDS]    bring the stack up in the selected environment (-Dvpai.env), hold it
                              for SECONDS (default 600) for manual inspection, then remove it
              bench gate      benchmark: model + validation + render + gate rules
              bench bringup   benchmark: bring-up through the harness vs raw docker-compose
              bench matrix    benchmark: the full reachability matrix
              bench backup    benchmark: backup and restore durations""";

    /** Commands that talk to Docker through Testcontainers. */
    private static final java.util.Set<String> DOCKER_COMMANDS = java.util.Set.of("up", "bench");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Path root = Path.of("").toAbsolutePath();
        List<String> words = Arrays.asList(args);
        String command = words.isEmpty() ? "" : words.get(0);
        if (DOCKER_COMMANDS.contains(command) && !(command.equals("bench") && words.contains("gate"))) {
            var relaunched = TestcontainersEnvironment.relaunchWithout(args);
            if (relaunched.isPresent()) {
                return relaunched.getAsInt();
            }
        }
        try {
            return switch (command) {
                case "render" -> words.contains("--check") ? RenderCommand.check(root) : RenderCommand.run(root);
                case "gate" -> gate(root);
                case "images" -> {
                    OfflineImages.ensureBuilt(root, System.out::println).all()
                            .forEach((name, ref) -> System.out.println(name + " " + ref));
                    yield 0;
                }
                case "bench" -> Benchmarks.run(root, words.subList(1, words.size()));
                case "up" -> HoldStack.run(root, words.size() > 1 ? words.get(1) : "600");
                default -> usage(command.isEmpty() ? "no command given" : "unknown command '" + command + "'");
            };
        } catch (ModelException e) {
            System.err.println("error: model: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
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

    static int usage(String problem) {
        System.err.println("error: " + problem);
        System.err.println(USAGE);
        return 2;
    }
}
