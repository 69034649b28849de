package io.vpai.harness.ship;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a host remembers of shipping, read from its {@code ship/} files: the renders it ran, in order (the last is
 * the one it runs), and — on preprod — every smoke and its verdict. Both files are append-only text, one record a
 * line, so an operator can read them with {@code cat}.
 */
public record Ledger(List<Change> history, List<SmokeRun> smokes) {
    /** The host started running {@code hash}: by a {@code ship} or a {@code rollback}. */
    public record Change(Instant at, String action, RenderHash hash) {
        public Change {
            if (!action.equals(SHIP) && !action.equals(ROLLBACK)) {
                throw new IllegalArgumentException("'" + action + "' is not ship or rollback");
            }
        }

        String line() {
            return at + " " + action + " " + hash.hex();
        }
    }

    /** One smoke of {@code hash} on preprod; {@code summary} counts the checks (no secrets, no host detail). */
    public record SmokeRun(Instant at, boolean green, RenderHash hash, String summary) {
        String line() {
            return at + " " + (green ? "green" : "red") + " " + hash.hex() + " " + summary.replace('\n', ' ');
        }

        String describe() {
            return (green ? "green" : "red") + " at " + at + " (" + summary + ")";
        }
    }

    static final String SHIP = "ship";
    static final String ROLLBACK = "rollback";

    public Ledger {
        history = List.copyOf(history);
        smokes = List.copyOf(smokes);
    }

    /** Reads both files; a missing file is an empty record, an unreadable line one error naming file and line. */
    public static Ledger read(ShipHost host) {
        return new Ledger(
                parse(host.target().readFile(host.historyFile()).orElse(""), host.describe() + " " + host.historyFile(),
                        Ledger::change),
                parse(host.target().readFile(host.smokeFile()).orElse(""), host.describe() + " " + host.smokeFile(),
                        Ledger::smoke));
    }

    /** The render the host runs, by its own record; empty for a host ship never deployed to. */
    public Optional<RenderHash> current() {
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1).hash());
    }

    public Optional<Change> lastChange() {
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }

    /** The last time the host started running {@code hash}, if it ever did. */
    public Optional<Change> lastTimeItRan(RenderHash hash) {
        return history.stream().filter(c -> c.hash().equals(hash)).reduce((a, b) -> b);
    }

    /** The latest smoke of {@code hash}: what decides whether it may go to production. */
    public Optional<SmokeRun> lastSmokeOf(RenderHash hash) {
        return smokes.stream().filter(s -> s.hash().equals(hash)).reduce((a, b) -> b);
    }

    public Optional<SmokeRun> lastSmoke() {
        return smokes.isEmpty() ? Optional.empty() : Optional.of(smokes.get(smokes.size() - 1));
    }

    /** Whether the latest smoke of {@code hash} was green. */
    public boolean smokedGreen(RenderHash hash) {
        return lastSmokeOf(hash).map(SmokeRun::green).orElse(false);
    }

    private interface LineReader<T> {
        T read(String[] fields);
    }

    private static <T> List<T> parse(String text, String source, LineReader<T> reader) {
        List<T> records = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                records.add(reader.read(line.split(" ", 4)));
            } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": not a ship record: '" + line + "'");
            }
        }
        return records;
    }

    private static Change change(String[] fields) {
        if (fields.length != 3) {
            throw new IllegalArgumentException("expected: time action hash");
        }
        return new Change(Instant.parse(fields[0]), fields[1], new RenderHash(fields[2]));
    }

    private static SmokeRun smoke(String[] fields) {
        if (!fields[1].equals("green") && !fields[1].equals("red")) {
            throw new IllegalArgumentException("verdict must be green or red");
        }
        return new SmokeRun(Instant.parse(fields[0]), fields[1].equals("green"), new RenderHash(fields[2]),
                fields.length > 3 ? fields[3] : "");
    }
}
