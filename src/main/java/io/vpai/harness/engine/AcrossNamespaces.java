package io.vpai.harness.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static io.vpai.harness.engine.ShellWords.quote;

/**
 * The probe image's {@code vpai-tcp-probe --serve} in the prober container, kept running between matrices where
 * the engine's shell can hold a conversation (this machine), else started once per request (an SSH host).
 *
 * <p>Each source's namespace is its main process's {@code /proc/PID/ns/net}, looked up once and then remembered with
 * the namespace it named ({@code net:[inode]}). The prober checks that identity before joining: a container that
 * was restarted or recreated since (its PID gone, or reused) answers "gone", and the lookup runs again — so a
 * matrix never pays for {@code docker ps} and {@code docker inspect}, and never probes from a stale namespace.
 */
final class AcrossNamespaces implements NamespaceProber, AutoCloseable {
    static final String PROBER = "vpai-tcp-probe";
    private static final String DONE = "done";
    /** Beyond the probes' own timeout: forking one child per namespace, and a loaded machine. */
    private static final Duration MARGIN = Duration.ofSeconds(30);

    private final DockerEngine engine;
    private final String project;
    private final Supplier<String> container;
    private final Map<String, Namespace> known = new HashMap<>();
    private Shell.Conversation conversation;

    private record Namespace(String file, String identity) {
    }

    /** @param container the prober container's id, started on first use */
    AcrossNamespaces(DockerEngine engine, String project, Supplier<String> container) {
        this.engine = engine;
        this.project = project;
        this.container = container;
    }

    @Override
    public synchronized Answers probe(List<Connect> connects, Duration timeout) {
        Set<String> sources = new LinkedHashSet<>();
        connects.forEach(c -> sources.add(c.source()));
        if (!known.keySet().containsAll(sources)) {
            lookUp(sources);
        }
        Answers answers = ask(connects, sources, timeout);
        if (sources.stream().anyMatch(s -> answers.byKey().getOrDefault("control:" + s, "").startsWith("gone"))) {
            lookUp(sources);
            return remember(ask(connects, sources, timeout), sources);
        }
        return remember(answers, sources);
    }

    /** Forgets a source whose container was replaced, so the next probe looks it up without a wasted round. */
    synchronized void forget(String source) {
        known.remove(source);
    }

    @Override
    public synchronized void close() {
        if (conversation != null) {
            conversation.close();
            conversation = null;
        }
        known.clear();
    }

    private void lookUp(Collection<String> sources) {
        Map<String, Long> pids = engine.pids(project);
        List<String> without = new ArrayList<>();
        for (String source : sources) {
            if (pids.containsKey(source)) {
                known.put(source, new Namespace("/proc/" + pids.get(source) + "/ns/net", "-"));
            } else {
                without.add(source);
            }
        }
        if (!without.isEmpty()) {
            throw new EngineException(engine.shell().describe() + ": no running process, so no network namespace "
                    + "to probe from, for " + without + " in project " + project);
        }
    }

    private Answers remember(Answers answers, Set<String> sources) {
        for (String source : sources) {
            String identity = answers.byKey().get("identity:" + source);
            if (identity != null) {
                known.put(source, new Namespace(known.get(source).file(), identity));
            }
        }
        return answers;
    }

    private Answers ask(List<Connect> connects, Set<String> sources, Duration timeout) {
        StringBuilder request = new StringBuilder("batch ")
                .append(String.format(Locale.ROOT, "%.3f", timeout.toMillis() / 1000.0)).append('\n');
        for (String source : sources) {
            Namespace namespace = known.get(source);
            request.append("netns ").append(source).append(' ').append(namespace.file()).append(' ')
                    .append(namespace.identity()).append('\n');
        }
        connects.forEach(c -> request.append(c.key()).append(' ').append(c.source()).append(' ').append(c.address())
                .append(' ').append(c.port()).append('\n'));
        request.append("end\n");
        return read(send(request.toString(), timeout.plus(MARGIN)));
    }

    private List<String> send(String request, Duration timeout) {
        String command = "docker exec -i " + quote(container.get()) + " " + PROBER + " --serve";
        if (conversation == null) {
            conversation = engine.shell().converse(command).orElse(null);
        }
        if (conversation == null) {
            ShellResult once = engine.shell().run(command, request, timeout);
            List<String> lines = new ArrayList<>(once.output().lines().toList());
            int done = lines.indexOf(DONE);
            return done >= 0 ? lines.subList(0, done) : lines;
        }
        try {
            return conversation.ask(request, DONE, timeout);
        } catch (EngineException ended) {
            // The prober was removed or killed since the last matrix: one fresh conversation, one retry.
            conversation = engine.shell().converse(command).orElseThrow();
            return conversation.ask(request, DONE, timeout);
        }
    }

    private static Answers read(List<String> lines) {
        Map<String, String> byKey = new HashMap<>();
        for (String line : lines) {
            int space = line.indexOf(' ');
            if (space > 0) {
                byKey.put(line.substring(0, space), line.substring(space + 1).trim());
            }
        }
        return new Answers(byKey, String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
    }
}
