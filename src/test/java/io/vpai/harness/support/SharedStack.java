package io.vpai.harness.support;

import io.vpai.harness.environment.ContainerEnvironment;
import io.vpai.harness.environment.Environment;
import io.vpai.harness.environment.Environments;
import io.vpai.harness.model.ModelValidator;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.stack.RunningStack;
import io.vpai.harness.stack.StackLauncher;
import io.vpai.harness.target.Target;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;

/**
 * One stack per test run, shared by every spec: created on first use in the root store and closed by
 * JUnit when the run ends (passed, failed or interrupted; a SIGKILL is handled by the next run's reaper).
 */
public final class SharedStack implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);

    public static Path projectRoot() {
        return Path.of("").toAbsolutePath();
    }

    public static String environmentName() {
        return System.getProperty("vpai.env", "offline");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == RunningStack.class || type == Target.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return get(context);
    }

    public static RunningStack get(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("stack", key -> new Holder(launch()), Holder.class).stack;
    }

    private static RunningStack launch() {
        Stack model = ModelValidator.validate(VpaiStack.model());
        Environment env = Environments.load(projectRoot(), environmentName(), model);
        if (!(env instanceof ContainerEnvironment containers)) {
            throw new IllegalStateException("environment '" + env.name() + "' is not a container environment");
        }
        return StackLauncher.launch(projectRoot(), model, containers, line -> System.out.println("[stack] " + line));
    }

    /** Lets JUnit close the stack when the root context closes. */
    private record Holder(RunningStack stack) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            stack.close();
        }
    }
}
