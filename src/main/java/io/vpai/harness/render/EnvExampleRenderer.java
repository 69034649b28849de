package io.vpai.harness.render;

import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code .env.example} for each host directory that reads variables: every name, once, with a comment
 * saying who reads it and whether it is a secret; never a value. Names come from the model (environment
 * variables, {@code ${NAME}} in commands and health checks) and from the backup scripts' declared
 * environment; the rendered compose text is scanned as well, so nothing Compose interpolates is missed.
 */
public final class EnvExampleRenderer implements Renderer {
    public static final String SESE_PATH = "sese-ai/.env.example";
    public static final String SEKO_PATH = "seko-vpn/.env.example";

    /** One variable: its name, whether it is secret, who reads it. */
    private static final class Entry {
        final String name;
        boolean secret;
        final List<String> readers = new ArrayList<>();
        String note = "";

        Entry(String name) {
            this.name = name;
        }
    }

    @Override
    public List<RenderedFile> render(Stack stack) {
        List<RenderedFile> files = new ArrayList<>();
        files.add(RenderedFile.text(SESE_PATH, sese(stack)));
        String seko = text(SekoComposeRenderer.PATH, new SekoComposeRenderer().render(stack));
        if (!Interpolation.variables(seko).isEmpty()) {
            Map<String, Entry> entries = new LinkedHashMap<>();
            Interpolation.variables(seko).forEach(name -> entry(entries, name).readers.add("docker-compose.yml"));
            files.add(RenderedFile.text(SEKO_PATH, file(List.of(section("docker-compose.yml", entries)))));
        }
        return files;
    }

    private static String sese(Stack stack) {
        Map<String, Entry> compose = new LinkedHashMap<>();
        for (Service service : stack.services()) {
            for (Map.Entry<String, Value> env : service.environment().entrySet()) {
                if (env.getValue() instanceof Value.Variable variable) {
                    Entry entry = entry(compose, variable.name());
                    entry.secret |= variable.secret();
                    entry.readers.add(service.name() + " (" + env.getKey() + ")");
                }
            }
            for (String name : Interpolation.variables(String.join(" ", service.command()))) {
                entry(compose, name).readers.add(service.name() + " (command)");
            }
            service.healthCheck().ifPresent(check -> Interpolation.variables(check.command())
                    .forEach(name -> entry(compose, name).readers.add(service.name() + " (health check)")));
        }
        // A safety net: anything the compose text interpolates that the model walk above did not see.
        for (String name : Interpolation.variables(text(SeseComposeRenderer.PATH, new SeseComposeRenderer().render(stack)))) {
            if (!compose.containsKey(name)) {
                entry(compose, name).readers.add("docker-compose.yml");
            }
        }
        Map<String, Entry> preBackup = scriptSection(compose, List.of(), BackupScriptRenderer.preBackupEnvironment(stack));
        Map<String, Entry> restic = scriptSection(compose, List.of(preBackup), BackupScriptRenderer.resticEnvironment(stack));
        return file(List.of(section("docker-compose.yml", compose),
                section("backup/pre-backup.sh (cron sources this file; empty means the default)", preBackup),
                section("backup/restic-backup.sh", restic)));
    }

    /** Script variables not listed in an earlier section; a compose variable a script falls back to is noted there. */
    private static Map<String, Entry> scriptSection(Map<String, Entry> compose, List<Map<String, Entry>> earlier,
                                                    List<ScriptVariable> variables) {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (ScriptVariable variable : variables) {
            variable.fallback().filter(compose::containsKey)
                    .ifPresent(f -> addReader(compose.get(f), "backup scripts (as " + variable.name() + ")"));
            if (compose.containsKey(variable.name()) || earlier.stream().anyMatch(m -> m.containsKey(variable.name()))) {
                continue;
            }
            Entry entry = entry(out, variable.name());
            entry.secret = variable.secret();
            entry.note = variable.description()
                    + (variable.required() && variable.fallback().isEmpty() ? "; required" : "")
                    + variable.fallback().map(f -> "; defaults to $" + f).orElse("")
                    + variable.defaultValue().filter(d -> !d.isEmpty()).map(d -> "; default " + d).orElse("");
        }
        return out;
    }

    private static void addReader(Entry entry, String reader) {
        if (!entry.readers.contains(reader)) {
            entry.readers.add(reader);
        }
    }

    private static Entry entry(Map<String, Entry> entries, String name) {
        return entries.computeIfAbsent(name, Entry::new);
    }

    private static String section(String title, Map<String, Entry> entries) {
        if (entries.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n# --- ").append(title).append(" ---\n");
        for (Entry entry : entries.values()) {
            List<String> words = new ArrayList<>();
            if (entry.secret) {
                words.add("secret");
            }
            if (!entry.note.isEmpty()) {
                words.add(entry.note);
            }
            if (!entry.readers.isEmpty()) {
                words.add("read by " + String.join(", ", entry.readers));
            }
            out.append("\n# ").append(String.join("; ", words)).append('\n').append(entry.name).append("=\n");
        }
        return out.toString();
    }

    private static String file(List<String> sections) {
        StringBuilder out = new StringBuilder(Generated.header("#", EnvExampleRenderer.class))
                .append("# Every variable the files of this directory read, without values. Copy to .env (never commit\n")
                .append("# the filled file); Compose reads it beside docker-compose.yml. Plain NAME=value lines only.\n");
        sections.forEach(out::append);
        return out.toString();
    }

    private static String text(String path, List<RenderedFile> files) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow().content();
    }
}
