package io.vpai.harness.ssh;

import io.vpai.harness.environment.Environments;
import io.vpai.harness.environment.SshEnvironment;
import io.vpai.harness.model.Stack;
import io.vpai.harness.render.RenderAll;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The real preprod ({@code -Dvpai.env=preprod}): {@code environments/preprod.yaml} resolved against the process
 * environment ({@code VPAI_PREPROD_HOST}, {@code VPAI_SSH_KEY}), host key pinned by the committed known_hosts file.
 * The seeding job has already restored the shared bucket's data and left its manifest at
 * {@code <deployDirectory>/seed/manifest.tsv}; this deploys the rendered files on top and leaves the stack running
 * (preprod is a long-lived mirror), so {@link #close()} only disconnects.
 */
public final class RemotePreprod implements PreprodHost {
    private static final Duration UP = Duration.ofMinutes(15);
    private static final Duration READY = Duration.ofMinutes(5);

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final SshTarget target;
    private final HostAccess access;
    private final PreprodDeployment deployment;
    private final PreprodDeployment.Report report;

    private RemotePreprod(Path projectRoot, Stack model) {
        Consumer<String> out = line -> {
            log.add(line);
            System.out.println("[preprod] " + line);
        };
        SshEnvironment environment = (SshEnvironment) Environments.load(projectRoot, "preprod", model);
        SshSettings settings = SshSettings.fromSystemProperties(System.getProperty("vpai.ssh.probeImage", "vpai/probe"));
        target = SshTarget.connect(environment.resolve(System.getenv()), model, settings);
        try {
            access = target.destructive().map(HostAccess::of).orElseThrow(() -> new IllegalStateException(
                    "environments/preprod.yaml must allow destructive specs to be deployed to"));
            deployment = new PreprodDeployment(access, RenderAll.render(model));
            report = deployment.deploy(UP, READY, out);
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }

    public static RemotePreprod start(Path projectRoot, Stack model) {
        return new RemotePreprod(projectRoot, model);
    }

    @Override
    public SshTarget target() {
        return target;
    }

    @Override
    public HostAccess access() {
        return access;
    }

    @Override
    public PreprodDeployment deployment() {
        return deployment;
    }

    @Override
    public PreprodDeployment.Report report() {
        return report;
    }

    @Override
    public List<String> log() {
        return List.copyOf(log);
    }

    @Override
    public Optional<LocalSshHost> localSshd() {
        return Optional.empty();
    }

    @Override
    public void close() {
        target.close();
    }
}
