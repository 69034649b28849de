package io.vpai.harness.cli;

import io.vpai.harness.bench.Benchmarks;
import io.vpai.harness.ship.Confirmation;
import io.vpai.harness.ship.ShipCommand;

import java.util.List;
import java.util.Optional;

/**
 * The command line, parsed strictly per command: an unknown option or an extra argument is bad input
 * before anything runs — `render --chek` must not render.
 */
record Arguments(String command, boolean check, long holdSeconds, String benchmark, ShipCommand.Options ship) {
    static final List<String> BENCHMARKS = Benchmarks.NAMES;
    static final long DEFAULT_HOLD = 600;

    /** Every command but {@code ship}. */
    Arguments(String command, boolean check, long holdSeconds, String benchmark) {
        this(command, check, holdSeconds, benchmark, null);
    }

    /** Bad input on the command line; the message is the one line printed before the usage. */
    static final class BadArguments extends IllegalArgumentException {
        BadArguments(String message) {
            super(message);
        }
    }

    static Arguments parse(List<String> words) {
        if (words.isEmpty()) {
            throw new BadArguments("no command given");
        }
        String command = words.get(0);
        List<String> rest = words.subList(1, words.size());
        return switch (command) {
            case "render" -> render(rest);
            case "gate", "images" -> {
                none(command, rest);
                yield new Arguments(command, false, 0, null);
            }
            case "up" -> up(rest);
            case "bench" -> bench(rest);
            case "ship" -> ship(rest);
            default -> throw new BadArguments("unknown command '" + command + "'");
        };
    }

    /** Whether the command runs against the environment named by -Dvpai.env (and so must load it first). */
    boolean usesSelectedEnvironment() {
        return command.equals("up") || (command.equals("bench") && !benchmark.equals("gate"));
    }

    private static Arguments render(List<String> rest) {
        boolean check = false;
        for (String word : rest) {
            if (word.equals("--check") && !check) {
                check = true;
            } else if (word.equals("--check")) {
                throw new BadArguments("render: option '--check' given twice");
            } else if (word.startsWith("-")) {
                throw new BadArguments("render: unknown option '" + word + "' (expected: --check)");
            } else {
                throw new BadArguments("render: unexpected argument '" + word + "' (render takes only --check)");
            }
        }
        return new Arguments("render", check, 0, null);
    }

    private static void none(String command, List<String> rest) {
        if (rest.isEmpty()) {
            return;
        }
        String word = rest.get(0);
        throw new BadArguments(command + ": " + (word.startsWith("-") ? "unknown option '" : "unexpected argument '")
                + word + "' (" + command + " takes no arguments)");
    }

    private static Arguments up(List<String> rest) {
        if (rest.size() > 1) {
            throw new BadArguments("up: unexpected argument '" + rest.get(1) + "' (expected: up [SECONDS])");
        }
        if (rest.isEmpty()) {
            return new Arguments("up", false, DEFAULT_HOLD, null);
        }
        String text = rest.get(0);
        if (!text.matches("[0-9]{1,9}")) {
            throw new BadArguments("up: '" + text + "' is not a number of seconds (expected: up [SECONDS], 1..86400)");
        }
        long hold = Long.parseLong(text);
        if (hold < 1 || hold > 86_400) {
            throw new BadArguments("up: hold time must be within 1..86400 seconds, was " + hold);
        }
        return new Arguments("up", false, hold, null);
    }

    private static Arguments bench(List<String> rest) {
        if (rest.isEmpty()) {
            throw new BadArguments("bench: which benchmark? (known: " + String.join(", ", BENCHMARKS) + ")");
        }
        String which = rest.get(0);
        if (!BENCHMARKS.contains(which)) {
            throw new BadArguments("bench: unknown benchmark '" + which + "' (known: " + String.join(", ", BENCHMARKS) + ")");
        }
        if (rest.size() > 1) {
            throw new BadArguments("bench: unexpected argument '" + rest.get(1) + "' (expected: bench <name>)");
        }
        return new Arguments("bench", false, 0, which);
    }

    /** {@code ship [--confirm-production=HOST]} or {@code ship --rollback --confirm-production=HOST}. */
    private static Arguments ship(List<String> rest) {
        boolean rollback = false;
        Optional<String> confirm = Optional.empty();
        String option = Confirmation.OPTION;
        for (int i = 0; i < rest.size(); i++) {
            String word = rest.get(i);
            if (word.equals("--rollback")) {
                if (rollback) {
                    throw new BadArguments("ship: option '--rollback' given twice");
                }
                rollback = true;
            } else if (word.equals(option) || word.startsWith(option + "=")) {
                if (confirm.isPresent()) {
                    throw new BadArguments("ship: option '" + option + "' given twice");
                }
                String host = !word.equals(option) ? word.substring(option.length() + 1)
                        : i + 1 < rest.size() ? rest.get(++i) : "";
                if (host.isBlank() || host.startsWith("-")) {
                    throw new BadArguments("ship: " + option + " needs the production host typed out (" + option + "=HOST)");
                }
                confirm = Optional.of(host);
            } else if (word.startsWith("-")) {
                throw new BadArguments("ship: unknown option '" + word + "' (expected: --rollback, " + option + "=HOST)");
            } else {
                throw new BadArguments("ship: unexpected argument '" + word + "' (expected: ship [--rollback] [" + option
                        + "=HOST])");
            }
        }
        if (rollback && confirm.isEmpty()) {
            throw new BadArguments("ship --rollback writes production: it needs " + option + "=HOST");
        }
        return new Arguments("ship", false, 0, null, new ShipCommand.Options(rollback, confirm));
    }
}
