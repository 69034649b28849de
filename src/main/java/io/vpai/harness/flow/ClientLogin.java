package io.vpai.harness.flow;

import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.model.Dependency;
import io.vpai.harness.model.Ipv4;
import io.vpai.harness.model.ModelException;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.probe.ProbeError;
import io.vpai.harness.target.Target;

import java.time.Duration;
import java.util.Optional;

/**
 * A service's own client logging in to it across the network they share, from the client's network namespace:
 * redis-cli to Redis, psql to PostgreSQL. The answer is admitted or refused by the server's own words; anything
 * else (no route, no listener, no client program) is a {@link ProbeError}, never taken for a refusal.
 */
public final class ClientLogin {
    /** What the server said, and whether that is a login. */
    public record Answer(boolean admitted, String said) {
    }

    /** Who logs in where: the client's namespace and the server's address on a network they share. */
    public record Pair(String client, String server, Ipv4 address, int port) {
        public String describe() {
            return client + " → " + server + " (" + address + ":" + port + ")";
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ClientLogin() {
    }

    /**
     * The first service that depends on {@code server} and shares a network with it: a client the model says
     * talks to it, so the login crosses a path the architecture draws.
     */
    public static Pair clientOf(Stack model, String server) {
        Service target = model.requireService(server);
        for (Service client : model.services()) {
            if (client.dependsOn().stream().map(Dependency::service).noneMatch(server::equals)) {
                continue;
            }
            for (String network : client.networkNames()) {
                Optional<String> address = target.addressOn(network);
                if (address.isPresent()) {
                    return new Pair(client.name(), server, Ipv4.parse(address.get()), target.ports().get(0));
                }
            }
        }
        throw new ModelException("no service of the model depends on " + server + " over a shared network");
    }

    /** {@code PING}, with {@code password} or without AUTH: PONG admits; NOAUTH and WRONGPASS refuse. */
    public static Answer redis(Target target, Pair pair, Optional<String> password) {
        String script = password.map(p -> "export REDISCLI_AUTH=" + quote(p) + "\n").orElse("unset REDISCLI_AUTH\n")
                + "redis-cli -h " + pair.address() + " -p " + pair.port() + " --no-auth-warning PING 2>&1\n";
        String said = run(target, pair, script).strip();
        if (said.equals("PONG")) {
            return new Answer(true, said);
        }
        // A wrong password prints AUTH's WRONGPASS and then PING's NOAUTH.
        if (said.contains("NOAUTH") || said.contains("WRONGPASS") || said.contains("ERR invalid password")) {
            return new Answer(false, said);
        }
        throw new ProbeError("redis-cli " + pair.describe() + " on " + target.name() + " got neither PONG nor an "
                + "authentication error: " + said);
    }

    /** {@code SELECT 1} as {@code user}: a row admits; a failed or missing password refuses. */
    public static Answer postgres(Target target, Pair pair, String user, Optional<String> password) {
        String script = password.map(p -> "export PGPASSWORD=" + quote(p) + "\n").orElse("unset PGPASSWORD\n")
                + "PGCONNECT_TIMEOUT=5 psql -w -h " + pair.address() + " -p " + pair.port() + " -U " + quote(user)
                + " -d postgres -tAc 'SELECT 1' 2>&1\n";
        String said = run(target, pair, script).strip();
        if (said.equals("1")) {
            return new Answer(true, said);
        }
        if (said.contains("password authentication failed") || said.contains("no password supplied")) {
            return new Answer(false, said);
        }
        throw new ProbeError("psql " + pair.describe() + " on " + target.name() + " got neither a row nor an "
                + "authentication error: " + said);
    }

    private static String run(Target target, Pair pair, String script) {
        target.guard().requireReachable(pair.client(), pair.address(), "log in to", "from " + pair.client());
        ShellResult result = target.probeFrom(pair.client(), script, TIMEOUT);
        return result.output();
    }

    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
