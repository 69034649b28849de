package io.vpai.harness.render;

import io.vpai.harness.model.HealthCheck;
import io.vpai.harness.model.PublishedPort;
import io.vpai.harness.model.Value;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
