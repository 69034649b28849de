package io.vpai.harness.startup;

import io.vpai.harness.check.Finding;
import io.vpai.harness.environment.TailnetFixture;
import io.vpai.harness.model.Route;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.probe.HttpProbe;
import io.vpai.harness.probe.HttpResult;
import io.vpai.harness.probe.ProbeResult;
import io.vpai.harness.probe.Probes;

import java.util.List;

/**
 * What "recovered" means after a dependency restarts: every service that depends on it, directly or
 * through others, is healthy again, and every proxied route answers through Caddy without a 5xx.
 */
public final class Recovery {
    public static final String HEALTHY_AGAIN = "startup.recovery-healthy-again";
    public static final String NO_5XX = "startup.recovery-no-5xx";

    private Recovery() {
    }

    /** Routes Caddy proxies to an upstream (fixed responses need no upstream and cannot 5xx for this reason). */
    public static List<Route> proxiedRoutes(Stack model) {
        return model.proxy().routes().stream().filter(r -> r.service().isPresent()).toList();
    }

    /** One HTTPS request per proxied route, from {@code client} to Caddy's tailnet address, Host and SNI set. */
    public static List<HttpProbe> throughProxy(Stack model, String client, TailnetFixture tailnet) {
        return proxiedRoutes(model).stream()
                .map(r -> Probes.https(client, tailnet.proxy(), 443, r.host(), r.path())).toList();
    }

    /**
     * PASS for an answer below 500; FAIL for a 5xx or no answer at all (000). A probe that could not run, or one
     * that is no HTTP probe, throws {@link io.vpai.harness.probe.ProbeError}: an error, not a verdict.
     */
    public static Finding judge(ProbeResult result, String restarted, String environment) {
        HttpResult answer = result.http();
        HttpProbe probe = answer.probe();
        String what = probe.scheme() + "://" + probe.host() + probe.path() + " through Caddy at " + probe.address()
                + ":" + probe.port() + " from " + probe.from() + " (environment " + environment + ")";
        int status = answer.status();
        if (!answer.answered()) {
            return Finding.fail(NO_5XX, probe.host() + probe.path(), what + " got no answer after " + restarted
                    + " restarted: not healthy again");
        }
        if (answer.serverError()) {
            return Finding.fail(NO_5XX, probe.host() + probe.path(), what + " answered " + status + " after "
                    + restarted + " restarted: the upstream is not healthy again");
        }
        return Finding.pass(NO_5XX, probe.host() + probe.path(), what + " answered " + status + " after " + restarted
                + " restarted");
    }
}
