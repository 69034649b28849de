package io.vpai.harness.backup;

import java.time.Duration;
import java.util.Map;

/**
 * The Uptime Kuma stand-in's record of push requests ({@code GET /_standin/requests}), read over the
 * tailnet from the backup runner. Only counts are returned: each line holds the push token.
 */
public final class HeartbeatLog {
    private final DrillSettings settings;
    private final BackupRunner runner;

    public HeartbeatLog(BackupDrill drill) {
        settings = drill.settings();
        runner = drill.runner();
    }

    /** Pushes recorded so far with this run's token. */
    public int pushesWithToken() {
        return count(settings.pushPath());
    }

    /** Pushes recorded so far, whatever the token. */
    public int allPushes() {
        return count("/api/push/");
    }

    /** Counted on the runner: the log's lines hold the token, so they never leave it (and redaction would hide them). */
    private int count(String pathPrefix) {
        String out = runner.require("reading the Uptime Kuma stand-in's push log",
                "log=$(curl -fsS --max-time 10 " + settings.placement().uptimeKumaBase() + "/_standin/requests) || exit 1\n"
                        + "printf '%s\\n' \"$log\" | awk -F '\\t' -v p=\"$PUSH_PATH\" "
                        + "'(p ~ /\\/$/ && index($2, p) == 1) || $2 == p { n++ } END { print n + 0 }'",
                Map.of("PUSH_PATH", pathPrefix), Duration.ofSeconds(30));
        return Integer.parseInt(out.strip());
    }
}
