package io.vpai.harness.flow;

import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.model.ModelException;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Value;
import io.vpai.harness.probe.ProbeError;
import io.vpai.harness.target.StackSecrets;
import io.vpai.harness.target.Target;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The entries in Redis, read from inside Redis's own network namespace with redis-cli and the run's password:
 * where LiteLLM's response cache puts an answer. Only the start of each value is kept — enough to find an answer
 * in it.
 */
public final class RedisCache {
    public static final String REDIS = "redis";
    /** The variable the model gives redis-cli inside the container: it names the password's compose variable. */
    private static final String CLI_AUTH = "REDISCLI_AUTH";
    private static final int VALUE_START = 400;

    private RedisCache() {
    }

    /** Key to the start of its value ({@code WRONGTYPE …} for a key that is not a string). */
    public static Map<String, String> entries(Target target, StackSecrets secrets) {
        Service redis = target.model().requireService(REDIS);
        String password = secrets.secret(passwordVariable(target.model()))
                .orElseThrow(() -> new ProbeError("environment '" + target.name() + "' set no Redis password"));
        int port = redis.ports().get(0);
        String script = "export REDISCLI_AUTH=" + ClientLogin.quote(password) + "\n"
                + "cli() { redis-cli -h 127.0.0.1 -p " + port + " --no-auth-warning \"$@\"; }\n"
                + "cli PING | grep -qx PONG || { echo 'redis did not answer PING'; exit 3; }\n"
                + "cli --scan | while IFS= read -r k; do printf '%s\\t' \"$k\"; cli GET \"$k\" 2>&1 | head -c "
                + VALUE_START + " | tr '\\n\\t\\r' '   '; echo; done\n";
        ShellResult result = target.probeFrom(REDIS, script, Duration.ofSeconds(30));
        if (!result.ok()) {
            throw new ProbeError("reading Redis's keys on " + target.name() + " failed (exit " + result.exitCode()
                    + "): " + secrets.redact(result.tail(3)));
        }
        Map<String, String> entries = new TreeMap<>();
        result.output().lines().filter(l -> l.contains("\t")).forEach(line -> {
            int tab = line.indexOf('\t');
            entries.put(line.substring(0, tab), line.substring(tab + 1));
        });
        return entries;
    }

    /** The compose variable holding Redis's password, as the model hands it to redis-cli. */
    public static String passwordVariable(Stack model) {
        Value auth = model.requireService(REDIS).environment().get(CLI_AUTH);
        if (auth instanceof Value.Variable variable) {
            return variable.name();
        }
        throw new ModelException("the model's " + REDIS + " service gives redis-cli no "
                + CLI_AUTH + " variable to read its password from");
    }
}
