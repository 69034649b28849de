package io.vpai.harness.mesh;

import io.vpai.harness.engine.DockerEngine;
import io.vpai.harness.engine.EngineException;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.environment.Fixture;
import io.vpai.harness.environment.Fixtures;

import java.time.Duration;

import static io.vpai.harness.engine.ShellWords.quote;

/**
 * How the VPS node hands what reaches its tailnet address on to Caddy: the two ingress paths of a VPN client.
 * <ul>
 *   <li>{@link Path#PUBLISHED_PORT}: architecture section 2.5 — to Docker's published port (the host's side of
 *   the internet fixture), where Docker's userland proxy delivers it: Caddy sees the frontend gateway.</li>
 *   <li>{@link Path#DIRECT}: kernel DNAT to Caddy's own address, the source kept: Caddy sees the client's
 *   tailnet address. Caddy then needs a route back to the tailnet through the VPS node, as the VPS host's
 *   own routing gives it; without it a reply would follow the host's default route out of the machine.</li>
 * </ul>
 */
public final class VpsForwarding {
    public enum Path { PUBLISHED_PORT, DIRECT }

    private static final Duration STEP = Duration.ofSeconds(30);
    private final DockerEngine engine;
    private final String project;
    private final Fixtures fixtures;
    private final String proxyService;
    private final String routeImage;

    private VpsForwarding(DockerEngine engine, String project, Fixtures fixtures, String proxyService, String routeImage) {
        this.engine = engine;
        this.project = project;
        this.fixtures = fixtures;
        this.proxyService = proxyService;
        this.routeImage = routeImage;
    }

    static VpsForwarding of(DockerEngine engine, String project, Fixtures fixtures) {
        return new VpsForwarding(engine, project, fixtures, null, null);
    }

    /** With what {@link Path#DIRECT} needs besides: the proxy's service, and an image with {@code ip} for its route. */
    public static VpsForwarding of(DockerEngine engine, String project, Fixtures fixtures, String proxyService,
                                   String routeImage) {
        return new VpsForwarding(engine, project, fixtures, proxyService, routeImage);
    }

    public void set(Path path) {
        String vps = engine.container(project, Fixture.VPS_NODE.service());
        String to = path == Path.PUBLISHED_PORT ? fixtures.internet().gateway() : fixtures.internet().proxy();
        if (path == Path.DIRECT) {
            routeTailnetThroughVpsNode();
        }
        ShellResult result = engine.exec(vps, "vps-forward " + (path == Path.PUBLISHED_PORT ? "published" : "direct")
                + " " + quote(to), STEP);
        if (!result.ok()) {
            throw new EngineException("mesh: the VPS node's forwarding to " + to + " failed: " + result.tail(3));
        }
    }

    private void routeTailnetThroughVpsNode() {
        if (proxyService == null || routeImage == null) {
            throw new IllegalStateException("the direct path needs the proxy's service and a route image");
        }
        String proxy = engine.container(project, proxyService);
        engine.require("docker run --rm --network " + quote("container:" + proxy) + " --cap-add NET_ADMIN"
                        + " --entrypoint ip " + quote(routeImage) + " route replace " + quote(fixtures.tailnet().subnet().toString())
                        + " via " + quote(fixtures.tailnet().underlay().vpsNode()),
                "route the tailnet from " + proxyService + " through the VPS node", STEP);
    }
}
