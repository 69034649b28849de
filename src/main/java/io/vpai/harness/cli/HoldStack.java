package io.vpai.harness.cli;

import io.vpai.harness.environment.ContainerEnvironment;
import io.vpai.harness.environment.Environment;
import io.vpai.harness.environment.Environments;
import io.vpai.harness.model.ModelValidator;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.stack.RunningStack;
import io.vpai.harness.stack.StackLauncher;

import java.nio.file.Path;

/** {@code up}: the stack for a human to poke at, for a bounded time, then removed like after a test run. */
final class HoldStack {
    private HoldStack() {
    }

    /** {@code hold} was checked by {@link Arguments}; the environment was loaded once already, before any relaunch. */
    static int run(Path root, long hold) {
        Stack model = ModelValidator.validate(VpaiStack.model());
        Environment env = Environments.selected(root, model);
        if (!(env instanceof ContainerEnvironment containers)) {
            throw new IllegalArgumentException("up: environment '" + env.name() + "' is not a container environment");
        }
        try (RunningStack stack = StackLauncher.launch(root, model, containers, System.out::println)) {
            System.out.println("stack " + stack.run().project() + " is up; holding it for " + hold + " s (Ctrl-C ends earlier)");
            stack.containers().forEach((service, id) -> System.out.println("  " + service + " " + id.substring(0, 12)));
            Thread.sleep(hold * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
