package io.vpai.harness.render;

import io.vpai.harness.model.HealthCheck;
import io.vpai.harness.model.PublishedPort;
import io.vpai.harness.model.Value;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The spellings both Compose v1 (docker-compose 1.29) and Compose v2 accept, in one place. */
final class ComposeSyntax {
    static final String RESTART = "unless-stopped";

    private ComposeSyntax() {
    }

    /** "5s", or "1500ms" when the duration is not whole seconds: Go duration strings, which both parse. */
    static String duration(Duration value) {
        long millis = value.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
    }

    /** Short syntax "host:container[/udp]"; rendered quoted, because YAML 1.1 reads 80:80 as a base-60 number. */
    static String port(PublishedPort port) {
        return port.hostPort() + ":" + port.containerPort() + (port.protocol().equals("udp") ? "/udp" : "");
    }

    /**
     * Compose interpolates {@code $} everywhere. A literal is the operator's exact text, so its dollars
     * are doubled; a variable is meant to be interpolated and stays {@code ${NAME}}.
     */
    static String environmentValue(Value value) {
        if (value instanceof Value.Literal literal) {
            return literal.text().replace("$", "$$");
        }
        return value.compose();
    }

    /** A shipped compose file: the generated header, the note on Compose versions, then the document. */
    static RenderedFile file(String path, Class<? extends Renderer> renderer, Map<String, Object> root) {
        String header = Generated.header("#", renderer)
                + "# Compose v1 (docker-compose 1.29) and v2 both read this file; give the project name with -p.\n\n";
        return RenderedFile.text(path, header + YamlWriter.emit(root, Set.of("services")));
    }

    /** What every service starts with: its pinned image, the restart policy, and its command when it has one. */
    static Map<String, Object> service(String image, List<String> command) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("image", image);
        out.put("restart", RESTART);
        if (!command.isEmpty()) {
            // Kept verbatim: the model writes ${VAR} in commands on purpose, for Compose to interpolate.
            out.put("command", List.copyOf(command));
        }
        return out;
    }

    static Map<String, Object> healthcheck(HealthCheck check) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("test", List.copyOf(check.composeTest()));
        out.put("interval", duration(check.interval()));
        out.put("timeout", duration(check.timeout()));
        out.put("retries", check.retries());
        out.put("start_period", duration(check.startPeriod()));
        return out;
    }
}
