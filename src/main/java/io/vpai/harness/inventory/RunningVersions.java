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
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** A version at the start of the answer, with or without a leading {@code v}: {@code v2.10.2 h1:…}, {@code 1.88.0}. */
    private static final Pattern FIRST_WORD = Pattern.compile("\\A\\s*v?(\\d+(?:\\.\\d+)+)(?=\\s|\\z)");
    /** VictoriaMetrics' build stamp: {@code victoria-metrics-20241111-151818-tags-v1.106.1-0-g…} upstream. */
    private static final Pattern RELEASE_TAG = Pattern.compile("-tags-v(\\d+(?:\\.\\d+)+)(?=-|\\s|\\z)");

    /**
     * The command (no shell: upstream images may have none) and where its answer, both streams, holds the version
     * (group 1). Each works in the upstream image and in the offline one, which lays the binary out the same way.
     */
    public record Query(List<String> command, Pattern version) {
    }

    /** Node: the package.json of the package the {@code openclaw} on PATH belongs to, its version printed. */
    static final String OPENCLAW_PACKAGE_VERSION = "const fs = require('fs'), path = require('path');"
            + " const bin = process.env.PATH.split(':').map(d => path.join(d, 'openclaw')).find(f => fs.existsSync(f));"
            + " if (!bin) throw new Error('no openclaw on PATH');"
            + " let dir = path.dirname(fs.realpathSync(bin));"
            + " while (!fs.existsSync(path.join(dir, 'package.json')) && dir !== path.dirname(dir)) dir = path.dirname(dir);"
            + " console.log(require(path.join(dir, 'package.json')).version);";

    public static final Map<String, Query> COMMANDS = Map.of(
            "caddy", new Query(List.of("caddy", "version"), FIRST_WORD),
            "n8n", new Query(List.of("n8n", "--version"), FIRST_WORD),
            // The installed distribution's version: `litellm --version` imports the whole proxy (40 s here).
            "litellm", new Query(List.of("python3", "-c",
                    "import importlib.metadata as m; print(m.version('litellm'))"), FIRST_WORD),
            // The installed package's version, found from the `openclaw` on PATH: `openclaw --version` loads the
            // whole CLI first (5.5 s here) to print the same "2026.2.19".
            "openclaw", new Query(List.of("node", "-e", OPENCLAW_PACKAGE_VERSION), FIRST_WORD),
            // Upstream's entrypoint path; -version prints the build stamp, not a bare version.
            "victoriametrics", new Query(List.of("/victoria-metrics-prod", "-version"), RELEASE_TAG));

    /** One service: its pin (the model's image tag, without a variant suffix) and what its binary says. */
    public record Observation(String service, String pin, String running) {
        public boolean matches() {
            return running.equals(pin);
        }
    }

    private RunningVersions() {
    }

    public static Observation observe(EngineTarget target, String service) {
        Query query = query(service);
        String line = "docker exec " + quote(target.container(service)) + " "
                + query.command().stream().map(w -> quote(w)).collect(Collectors.joining(" "));
        String output = target.engine().require(line, "ask " + service + " its version").output();
        return new Observation(service, pin(target.model(), service), version(service, output));
    }

    private static Query query(String service) {
        Query query = COMMANDS.get(service);
        if (query == null) {
            throw new IllegalArgumentException("no version command for " + service + "; known: "
                    + new TreeSet<>(COMMANDS.keySet()));
        }
        return query;
    }

    public static String pin(Stack model, String service) {
        return model.requireService(service).image().version();
    }

    /** The version in a service's answer to its version command, without a leading {@code v}. */
    static String version(String service, String output) {
        Matcher matcher = query(service).version().matcher(output);
        if (!matcher.find()) {
            throw new IllegalArgumentException(service + ": not a version: '"
                    + output.strip().lines().findFirst().orElse("") + "'");
        }
        return matcher.group(1);
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
