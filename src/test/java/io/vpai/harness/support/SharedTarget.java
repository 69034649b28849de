package io.vpai.harness.support;

import io.vpai.harness.environment.ContainerEnvironment;
import io.vpai.harness.environment.Environment;
import io.vpai.harness.environment.Environments;
import io.vpai.harness.model.ModelValidator;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.report.PhaseClock;
import io.vpai.harness.ssh.LocalPreprod;
import io.vpai.harness.ssh.PreprodHost;
import io.vpai.harness.ssh.RemotePreprod;
import io.vpai.harness.ssh.SshSettings;
import io.vpai.harness.ssh.SshTarget;
import io.vpai.harness.environment.SshEnvironment;
import io.vpai.harness.stack.StackLauncher;
import io.vpai.harness.target.Target;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The target every spec runs against, chosen by {@code -Dvpai.env} and shared by the whole test run: an ephemeral
 * stack in local Docker for a container environment ({@code offline}, {@code local}), the local sshd host standing
 * for preprod ({@code preprod-local}: deployed and seeded through SSH), or the real preprod ({@code preprod}). Specs
 * ask for a {@link Target} parameter and never learn which; the preprod smoke asks for the {@link PreprodHost} too.
 * Created on first use in the root store and closed by JUnit when the run ends (a SIGKILL is handled by the next
 * run's reaper).
 */
public final class SharedTarget implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedTarget.class);

    public static Path projectRoot() {
        return Path.of("").toAbsolutePath();
    }

    public static String environmentName() {
        return System.getProperty("vpai.env", "offline");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Target.class || type == PreprodHost.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Shared shared = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("target", key -> launch(), Shared.class);
        if (parameter.getParameter().getType() == PreprodHost.class) {
            return shared.host().orElseThrow(() -> new TestAbortedException("environment '" + environmentName()
                    + "' is not a preprod host: the preprod smoke runs with -Dvpai.env=preprod-local or preprod"));
        }
        return shared.target();
    }

    private static Shared launch() {
        Stack model = ModelValidator.validate(VpaiStack.model());
        String name = environmentName();
        if (name.equals(LocalPreprod.ENVIRONMENT)) {
            // Its own line in bench ci, not the first spec method's time.
            return Shared.of(PhaseClock.time("bring-up on " + name + ": deployed and seeded over SSH",
                    () -> LocalPreprod.start(projectRoot(), model)));
        }
        Environment env = Environments.load(projectRoot(), name, model);
        if (env instanceof ContainerEnvironment containers) {
            var stack = StackLauncher.launch(projectRoot(), model, containers, line -> System.out.println("[stack] " + line));
            return new Shared(stack, Optional.empty(), stack);
        }
        if (name.equals("preprod")) {
            return Shared.of(RemotePreprod.start(projectRoot(), model));
        }
        // Production, read-only by construction: the read-only specs run, the destructive ones abort naming it.
        SshTarget host = SshTarget.connect(((SshEnvironment) env).resolve(System.getenv()), model,
                SshSettings.fromSystemProperties(System.getProperty("vpai.ssh.probeImage", "vpai/probe")));
        return new Shared(host, Optional.empty(), host);
    }

    /** What the run shares, closed by JUnit when the root context closes. */
    private record Shared(Target target, Optional<PreprodHost> host, AutoCloseable resource)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        static Shared of(PreprodHost host) {
            return new Shared(host.target(), Optional.of(host), host);
        }

        @Override
        public void close() throws Exception {
            resource.close();
        }
    }
}
