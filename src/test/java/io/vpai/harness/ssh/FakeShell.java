package io.vpai.harness.ssh;

import io.vpai.harness.engine.Shell;
import io.vpai.harness.engine.ShellResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Shell} without a host: answers commands from a script of (command prefix → result) and records
 * every call, so a test can say exactly what a target sent — or prove it sent nothing.
 */
public final class FakeShell implements Shell {
    private final Map<String, ShellResult> answers = new LinkedHashMap<>();
    private final List<String> commands = new ArrayList<>();
    private final List<String> writes = new ArrayList<>();
    private final boolean forbidden;

    private FakeShell(boolean forbidden) {
        this.forbidden = forbidden;
    }

    /** Answers from {@link #answer}; an unscripted command fails the test. */
    public static FakeShell scripted() {
        return new FakeShell(false);
    }

    /** Fails the test at the first command or write: for a host that must never be contacted. */
    public static FakeShell forbidden() {
        return new FakeShell(true);
    }

    public FakeShell answer(String commandPrefix, int exit, String stdout) {
        answers.put(commandPrefix, new ShellResult(exit, stdout, ""));
        return this;
    }

    public List<String> commands() {
        return List.copyOf(commands);
    }

    public List<String> writes() {
        return List.copyOf(writes);
    }

    @Override
    public ShellResult run(String command, String stdin, Duration timeout) {
        commands.add(command);
        if (forbidden) {
            throw new AssertionError("the host must not be contacted, yet the target ran: " + command);
        }
        return answers.entrySet().stream().filter(e -> command.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("unscripted command: " + command));
    }

    @Override
    public void write(String path, byte[] content, int mode) {
        writes.add(path);
        if (forbidden) {
            throw new AssertionError("the host must not be contacted, yet the target wrote " + path);
        }
    }

    @Override
    public Following follow(String command, java.time.Duration limit, java.util.function.Consumer<String> lines) {
        commands.add(command);
        if (forbidden) {
            throw new AssertionError("the host must not be contacted, yet the target followed: " + command);
        }
        return () -> { };
    }

    @Override
    public String describe() {
        return "root@fake.invalid:22 (fake)";
    }

    @Override
    public void close() {
    }
}
