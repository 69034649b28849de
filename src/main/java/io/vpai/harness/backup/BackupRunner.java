package io.vpai.harness.backup;

import io.vpai.harness.engine.ShellResult;

import io.vpai.harness.environment.Fixture;
import io.vpai.harness.engine.ProcessRunner;
import io.vpai.harness.stack.RunningStack;
import io.vpai.harness.target.StackSecrets;
import io.vpai.harness.stack.StackException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Runs commands on the host that stands for the VPS (the {@code fixture-backup-runner} container).
 * Settings reach a command as environment variables handed to the docker CLI's own environment and
 * named with {@code -e NAME}, so no value, secret or not, is ever on a command line; every output
 * that goes into a message passes through {@link #redact(String)} first.
 */
public final class BackupRunner {
    private final RunningStack stack;
    private final Collection<String> secrets;

    public BackupRunner(RunningStack stack, Collection<String> secrets) {
        this.stack = stack;
        this.secrets = List.copyOf(secrets);
    }

    /** The compose service of the runner, for messages. */
    public String service() {
        return Fixture.BACKUP_RUNNER.service();
    }

    public String container() {
        return stack.container(service());
    }

    /** Runs a bash script with {@code env} set; the result's output is already redacted. */
    public ShellResult run(String script, Map<String, String> env, Duration timeout) {
        List<String> command = new ArrayList<>(List.of("docker", "exec"));
        env.keySet().stream().sorted().forEach(name -> {
            command.add("-e");
            command.add(name);
        });
        command.addAll(List.of(container(), "bash", "-c", script));
        ShellResult result = ProcessRunner.run(command, null, env, timeout);
        return new ShellResult(result.exitCode(), redact(result.output()), "");
    }

    /** Like {@link #run} but a non-zero exit is an error naming {@code what} and the output's last lines. */
    public String require(String what, String script, Map<String, String> env, Duration timeout) {
        ShellResult result = run(script, env, timeout);
        if (!result.ok()) {
            throw new StackException(what + " failed on " + Fixture.BACKUP_RUNNER.service() + " (exit "
                    + result.exitCode() + "): " + result.tail(8));
        }
        return result.output();
    }

    public void copyIn(Path hostFile, String containerPath) {
        docker("copy " + hostFile + " into the runner", "cp", hostFile.toString(), container() + ":" + containerPath);
    }

    public void copyOut(String containerPath, Path hostFile) {
        docker("copy " + containerPath + " out of the runner", "cp", container() + ":" + containerPath, hostFile.toString());
    }

    /** Replaces every secret of this run with a marker: outputs may end up in failure messages and reports. */
    public String redact(String text) {
        return StackSecrets.redact(text, secrets);
    }

    private void docker(String what, String... args) {
        ShellResult result = HostDocker.run(args);
        if (!result.ok()) {
            throw new StackException(what + " failed: " + redact(result.tail(3)));
        }
    }
}
