package io.vpai.harness.inventory;

import io.vpai.harness.model.Stack;
import io.vpai.harness.target.EngineTarget;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.vpai.harness.engine.ShellWords.quote;

/**
 * The release a service's container runs, asked of its own binary, against the model's pin: what the fidelity report
 * shows beside each service, and a finding when they differ. A version command reads and changes nothing (like the
 * production check's read-only psql); only services whose binary answers one are listed in {@link #COMMANDS}.
 */
public final class RunningVersions {
    /** Where the specs leave what they observed, for the run's summary: one {@code service<TAB>version} line each. */
    public static final String PATH = "reports/versions.tsv";
    /** The command (no shell: upstream images may have none) whose first word is the service's version. */
    public static final Map<String, List<String>> COMMANDS = Map.of(
            "caddy", List.of("caddy", "version"),
            // OpenClaw prints its bare release first ("2026.2.19"), then a banner line.
            "openclaw", List.of("openclaw", "--version"));

    /** One service: its pin (the model's image tag, without a variant suffix) and what its binary says. */
    public record Observation(String service, String pin, String running) {
        public boolean matches() {
            return running.equals(pin);
        }
    }

    private RunningVersions() {
    }

    public static Observation observe(EngineTarget target, String service) {
        List<String> command = COMMANDS.get(service);
        if (command == null) {
            throw new IllegalArgumentException("no version command for " + service + "; known: " + COMMANDS.keySet());
        }
        String line = "docker exec " + quote(target.container(service)) + " "
                + command.stream().map(w -> quote(w)).collect(Collectors.joining(" "));
        String output = target.engine().require(line, "ask " + service + " its version").stdout();
        return new Observation(service, pin(target.model(), service), version(output));
    }

    public static String pin(Stack model, String service) {
        return model.requireService(service).image().version();
    }

    /** The first word of a version command's answer, without a leading {@code v}: {@code v2.10.2 h1:…} is 2.10.2. */
    static String version(String output) {
        String first = output.strip().split("\\s+", 2)[0];
        String version = first.startsWith("v") ? first.substring(1) : first;
        if (!version.matches("\\d+(\\.\\d+)+")) {
            throw new IllegalArgumentException("not a version: '" + output.strip().lines().findFirst().orElse("") + "'");
        }
        return version;
    }

    public static String tsv(List<Observation> observations) {
        return observations.stream().map(o -> o.service() + "\t" + o.running() + "\n").collect(Collectors.joining());
    }

    /** The versions a run observed: the file when it was written at or after {@code since}, else none. */
    public static Map<String, String> readSince(Path file, Instant since) {
        Map<String, String> running = new LinkedHashMap<>();
        try {
            if (!Files.isRegularFile(file) || Files.getLastModifiedTime(file).toInstant().isBefore(since)) {
                return running;
            }
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.split("\t");
                if (fields.length == 2) {
                    running.put(fields[0], fields[1]);
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return running;
    }
}
