package io.vpai.harness.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpai.harness.inventory.DockerJson;
import io.vpai.harness.probe.ProbeError;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.render.CaddyFiles;
import io.vpai.harness.render.CaddyfileRenderer;
import io.vpai.harness.target.Target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The proxy's running configuration, not only its files: Caddy's admin API (on the proxy's own loopback,
 * read from a sidecar in its namespace) against {@code caddy adapt} of the Caddyfile the proxy was given. A
 * {@code caddy reload} or an admin-API load done by hand on a running proxy leaves every file intact; only
 * this comparison sees it.
 */
public final class LiveProxyConfig {
    /** Caddy's default admin endpoint: loopback inside the proxy's network namespace. */
    static final String ADMIN = "http://127.0.0.1:2019";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int SHOWN = 8;

    private LiveProxyConfig() {
    }

    /** The running configuration as JSON text; a proxy that does not answer is a probe error, not a pass. */
    public static String read(Target target) {
        String proxy = target.model().proxy().service();
        ShellResult result = target.probeFrom(proxy, "curl -sf --max-time 5 " + ADMIN + "/config/", TIMEOUT);
        if (!result.ok() || !result.output().strip().startsWith("{")) {
            throw new ProbeError("reading the running configuration of " + proxy + " on " + target.name() + " from "
                    + ADMIN + "/config/ failed (exit " + result.exitCode() + "): " + result.tail(3));
        }
        return result.output().strip();
    }

    /** Replaces the running configuration through the admin API; only with destructive access. */
    public static void load(Target target, String json) {
        String proxy = target.model().proxy().service();
        target.requireDestructive("load a configuration into the running " + proxy);
        String script = "curl -sf --max-time 10 -X POST -H 'Content-Type: application/json' --data-binary @- "
                + ADMIN + "/load <<'VPAI_CONFIG'\n" + json + "\nVPAI_CONFIG\n";
        ShellResult result = target.probeFrom(proxy, script, TIMEOUT);
        if (!result.ok()) {
            throw new IllegalStateException("loading a configuration into " + proxy + " on " + target.name()
                    + " failed (exit " + result.exitCode() + "): " + result.tail(3));
        }
    }

    /**
     * {@code caddy adapt} of a Caddyfile and the file it imports, side by side as in the proxy's folder, with this
     * machine's caddy (the gate's tool), as JSON text.
     */
    public static String adapt(CaddyFiles files) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("vpai-caddy-adapt");
            Path file = dir.resolve(CaddyfileRenderer.FILE);
            Files.writeString(file, files.caddyfile());
            Files.writeString(dir.resolve(CaddyfileRenderer.ENVIRONMENT_FILE), files.environment());
            var result = io.vpai.harness.engine.ProcessRunner.run(List.of("caddy", "adapt", "--config", file.toString(),
                    "--adapter", "caddyfile"), TIMEOUT);
            if (!result.ok()) {
                throw new ProbeError("caddy adapt of the expected Caddyfile failed: " + result.tail(3));
            }
            // stderr is merged in, and caddy logs its warnings as JSON lines too: take the configuration's line.
            return result.output().lines().filter(l -> l.startsWith("{") && !l.startsWith("{\"level\""))
                    .reduce((first, last) -> last)
                    .orElseThrow(() -> new ProbeError("caddy adapt printed no configuration: " + result.tail(3)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                dir.resolve(CaddyfileRenderer.FILE).toFile().delete();
                dir.resolve(CaddyfileRenderer.ENVIRONMENT_FILE).toFile().delete();
                dir.toFile().delete();
            }
        }
    }

    /** Where two configurations differ, as JSON paths with both values; empty when they are equal. */
    public static List<String> differences(String expectedJson, String liveJson) {
        List<String> out = new ArrayList<>();
        diff("", DockerJson.tree(expectedJson, "the adapted Caddyfile"),
                DockerJson.tree(liveJson, "the running configuration"), out);
        return out.size() <= SHOWN ? out : List.copyOf(out.subList(0, SHOWN));
    }

    /**
     * Every {@code vpn_only} allow-list in a configuration: the ranges of each {@code not remote_ip} matcher
     * (one per site that imports the snippet). What the proxy admits, whatever the files say.
     */
    public static List<List<String>> allowLists(String json) {
        List<List<String>> lists = new ArrayList<>();
        collect(DockerJson.tree(json, "a Caddy configuration"), false, lists);
        return lists;
    }

    private static void collect(JsonNode node, boolean underNot, List<List<String>> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(entry -> {
                JsonNode ranges = entry.getValue().path("ranges");
                if (underNot && entry.getKey().equals("remote_ip") && ranges.isArray()) {
                    List<String> list = new ArrayList<>();
                    ranges.forEach(range -> list.add(range.asText()));
                    into.add(list);
                } else {
                    collect(entry.getValue(), underNot || entry.getKey().equals("not"), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, underNot, into));
        }
    }

    private static void diff(String path, JsonNode expected, JsonNode live, List<String> out) {
        if (expected.isObject() && live.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            expected.fieldNames().forEachRemaining(keys::add);
            live.fieldNames().forEachRemaining(keys::add);
            keys.forEach(k -> diff(path + "/" + k, expected.path(k), live.path(k), out));
        } else if (expected.isArray() && live.isArray() && expected.size() == live.size()) {
            for (int i = 0; i < expected.size(); i++) {
                diff(path + "/" + i, expected.get(i), live.get(i), out);
            }
        } else if (!expected.equals(live)) {
            out.add((path.isEmpty() ? "/" : path) + ": expected " + abbreviate(expected) + " but the proxy runs "
                    + abbreviate(live));
        }
    }

    private static String abbreviate(JsonNode value) {
        String text = value.isMissingNode() || value.isNull() ? "nothing" : value.isTextual() ? value.asText() : value.toString();
        return text.length() <= 160 ? text : text.substring(0, 157) + "...";
    }
}
