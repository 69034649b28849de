package io.vpai.harness.stack;

import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.environment.Fixture;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.environment.ImageSource;
import io.vpai.harness.environment.TailnetFixture;
import io.vpai.harness.model.HealthCheck;
import io.vpai.harness.model.Stack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The override's mesh: Headscale running the shipped config.yaml (a byte-for-byte copy in the run directory,
 * so a fault spec may edit it without touching {@code compose/}), and the three Tailscale nodes. What differs
 * from Seko-VPN is said here as Headscale's own {@code HEADSCALE_*} variables: TLS from a test CA (singa's real
 * certificate comes from a TLS front the test does not have), port 443 directly, and MagicDNS forwarding to the
 * fixture's public DNS instead of the public resolvers. Every node reaches the control server by its production
 * name through {@code extra_hosts}, and may send only to the internet fixture and, through its tunnel, to the
 * tailnet: kernel rules in each node refuse anything else, so nothing of the mesh can leave the machine.
 */
public final class MeshFixtures {
    static final String TLS_VOLUME = "tailnet-tls";
    static final String TLS_DIRECTORY = "/etc/vpai-tailnet";
    /** Where Headscale reads its configuration (the shipped compose file mounts the folder there). */
    public static final String CONFIG = "/etc/headscale/config.yaml";

    private MeshFixtures() {
    }

    static Map<String, Object> services(Stack model, Fixtures fixtures, Function<ImageSource, String> images,
                                        RunLabels run, Path headscaleConfig, Duration healthInterval) {
        TailnetFixture tailnet = fixtures.tailnet();
        String tailscale = images.apply(new ImageSource.Build("tailscale", Fidelity.REAL));
        String controlName = URI.create(model.tailnet().controlUrl()).getHost();
        String egress = fixtures.internet().subnet().toString();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(Fixture.HEADSCALE.service(), headscale(model, fixtures, images, run, headscaleConfig, controlName, healthInterval));
        Map<String, Object> vps = node(tailscale, run, tailnet.underlay().vpsNode(), controlName, tailnet, egress, false, healthInterval);
        // It forwards what reaches its tailnet address on to Caddy (tailscale image: vps-forward).
        vps.put("sysctls", Map.of("net.ipv4.ip_forward", "1"));
        out.put(Fixture.VPS_NODE.service(), vps);
        out.put(Fixture.WORKSTATION_NODE.service(),
                node(tailscale, run, tailnet.underlay().workstationNode(), controlName, tailnet, egress, false, healthInterval));
        out.put(Fixture.VPN_CLIENT.service(),
                node(tailscale, run, tailnet.underlay().vpnClient(), controlName, tailnet, egress, true, healthInterval));
        return out;
    }

    static Map<String, Object> volumes(RunLabels run) {
        return Map.of(TLS_VOLUME, Map.of("labels", new LinkedHashMap<>(new java.util.TreeMap<>(run.labels()))));
    }

    private static Map<String, Object> headscale(Stack model, Fixtures fixtures, Function<ImageSource, String> images,
                                                 RunLabels run, Path config, String controlName,
                                                 Duration healthInterval) {
        Map<String, Object> out = OverrideFile.labelled(images.apply(new ImageSource.Build("headscale", Fidelity.REAL)), run);
        out.put("entrypoint", List.of("/usr/local/bin/headscale-fixture"));
        out.put("command", List.of("serve"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VPAI_CONTROL_NAME", controlName);
        env.put("HEADSCALE_LISTEN_ADDR", "0.0.0.0:443");
        env.put("HEADSCALE_TLS_CERT_PATH", TLS_DIRECTORY + "/server.crt");
        env.put("HEADSCALE_TLS_KEY_PATH", TLS_DIRECTORY + "/server.key");
        env.put("HEADSCALE_DNS_NAMESERVERS_GLOBAL", fixtures.internet().resolver());
        out.put("environment", env);
        // The file, not its folder: a fault spec replaces it in place and restarts Headscale.
        out.put("volumes", List.of(config.resolve("config.yaml") + ":" + CONFIG + ":ro", TLS_VOLUME + ":" + TLS_DIRECTORY));
        out.put("healthcheck", OverrideFile.healthcheck(HealthCheck.shell(
                "curl -fsk -o /dev/null https://127.0.0.1/health || exit 1").withInterval(healthInterval)));
        out.put("networks", Map.of(Fixture.INTERNET, Map.of("ipv4_address", fixtures.tailnet().underlay().controlServer())));
        return out;
    }

    private static Map<String, Object> node(String image, RunLabels run, String address, String controlName,
                                            TailnetFixture tailnet, String egress, boolean dnsRelay,
                                            Duration healthInterval) {
        Map<String, Object> out = OverrideFile.labelled(image, run);
        out.put("cap_add", List.of("NET_ADMIN"));
        out.put("devices", List.of("/dev/net/tun:/dev/net/tun"));
        Map<String, String> env = new LinkedHashMap<>();
        // Go's TLS reads this: the nodes trust the test CA only.
        env.put("SSL_CERT_FILE", TLS_DIRECTORY + "/ca.crt");
        env.put("VPAI_EGRESS_ONLY", egress);
        env.put("VPAI_TAILNET", tailnet.subnet().toString());
        env.put("VPAI_DNS_RELAY", dnsRelay ? "1" : "0");
        out.put("environment", env);
        out.put("extra_hosts", List.of(controlName + ":" + tailnet.underlay().controlServer()));
        out.put("volumes", List.of(TLS_VOLUME + ":" + TLS_DIRECTORY + ":ro"));
        out.put("healthcheck", OverrideFile.healthcheck(HealthCheck.shell(
                "test -S /var/run/tailscale/tailscaled.sock").withInterval(healthInterval)));
        out.put("networks", Map.of(Fixture.INTERNET, Map.of("ipv4_address", address)));
        return out;
    }
}
