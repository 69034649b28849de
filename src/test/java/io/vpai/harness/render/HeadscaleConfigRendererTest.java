package io.vpai.harness.render;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.DnsRecord;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Tailnet;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.vpai.harness.render.Rendered.list;
import static io.vpai.harness.render.Rendered.map;
import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("Headscale's config.yaml is rendered whole from the model")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.RENDERING)
class HeadscaleConfigRendererTest {
    private final Stack model = VpaiStack.model();

    private static Map<String, Object> config(Stack stack) {
        return Rendered.yaml(new HeadscaleConfigRenderer().render(stack).get(0).content());
    }

    private static Map<String, Object> dns(Stack stack) {
        return map(config(stack).get("dns"));
    }

    private static List<Map<String, Object>> expectedRecords(Stack stack) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DnsRecord record : stack.dns().tailnetRecords()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", record.name());
            entry.put("type", "A");
            entry.put("value", record.address());
            out.add(entry);
        }
        return out;
    }

    @Test
    void extraRecordsAreExactlyTheModelsTailnetRecords() {
        assertThat(list(dns(model).get("extra_records"))).isEqualTo(expectedRecords(model));
    }

    @Test
    void magicDnsSettingsAreTheModels() {
        Map<String, Object> dns = dns(model);
        Tailnet tailnet = model.tailnet();

        assertThat(dns).containsEntry("magic_dns", tailnet.magicDns())
                .containsEntry("base_domain", tailnet.baseDomain())
                .containsEntry("override_local_dns", tailnet.overrideLocalDns());
        // Headscale 0.26 refuses override_local_dns: true without global nameservers.
        if (tailnet.overrideLocalDns()) {
            assertThat(list(map(dns.get("nameservers")).get("global"))).isNotEmpty();
        }
    }

    @Test
    void theServerIsTheModelsControlPlane() {
        Map<String, Object> config = config(model);
        Tailnet tailnet = model.tailnet();

        assertThat(config).containsEntry("server_url", tailnet.controlUrl())
                .containsEntry("listen_addr", "0.0.0.0:" + tailnet.server().listenPort());
        assertThat(map(config.get("prefixes"))).containsEntry("v4", tailnet.prefix().toString());
        assertThat(list(map(dns(model).get("nameservers")).get("global")))
                .isEqualTo(List.copyOf(tailnet.server().upstreamNameservers()));
    }

    /** Network safety in production as in tests: the mesh talks to Headscale and its nodes, nobody else. */
    @Test
    void theMeshNamesNoOutsideEndpoint() {
        Map<String, Object> config = config(model);
        Map<String, Object> derp = map(config.get("derp"));

        assertThat(list(derp.get("urls"))).isEmpty();
        assertThat(list(derp.get("paths"))).isEmpty();
        assertThat(derp).containsEntry("auto_update_enabled", false);
        assertThat(map(derp.get("server"))).containsEntry("enabled", true)
                .containsEntry("stun_listen_addr", "0.0.0.0:" + model.tailnet().server().stunPort())
                .doesNotContainKeys("ipv4", "ipv6");
        assertThat(config).containsEntry("disable_check_updates", true);
        assertThat(map(config.get("logtail"))).containsEntry("enabled", false);
        assertThat(new HeadscaleConfigRenderer().render(model).get(0).content())
                .doesNotContain("tailscale.com", "letsencrypt", "acme");
    }

    @Test
    void aRecordRemovedOrReaddressedInTheModelChangesTheFile() {
        List<DnsRecord> records = new ArrayList<>(model.dns().tailnetRecords());
        records.remove(records.size() - 1);
        records.set(0, records.get(0).withAddress("100.64.0.99"));
        Stack twin = model.withDns(model.dns().withTailnetRecords(records));

        assertThat(list(dns(twin).get("extra_records"))).isEqualTo(expectedRecords(twin)).isNotEqualTo(expectedRecords(model));
    }

    /**
     * Headscale 0.26 refuses to start when the control server's host is the base domain or lies under
     * it (hscontrol/types/config.go, isSafeServerURL): MagicDNS would take the control plane's name over.
     */
    @Test
    void headscaleWouldAcceptTheBaseDomainBesideTheServerUrl() {
        String server = URI.create(model.tailnet().controlUrl()).getHost();
        String base = model.tailnet().baseDomain();

        assertThat(headscaleAccepts(server, base))
                .withFailMessage("model gap: Headscale 0.26 exits with 'server_url cannot be part of base_domain' for"
                        + " server_url host %s and dns.base_domain %s; give the tailnet a base domain of its own in"
                        + " VpaiStack.tailnet() (e.g. ts.%s): extra_records names need not lie under it", server, base, VpaiStack.DOMAIN)
                .isTrue();
    }

    @Test
    void theHeadscaleRuleIsReadAsHeadscaleReadsIt() {
        assertThat(headscaleAccepts("singa.ewutelo.cloud", "ewutelo.cloud")).isFalse();
        assertThat(headscaleAccepts("ewutelo.cloud", "ewutelo.cloud")).isFalse();
        assertThat(headscaleAccepts("singa.ewutelo.cloud", "ts.ewutelo.cloud")).isTrue();
        assertThat(headscaleAccepts("headscale.example.com", "ts.example.com")).isTrue();
    }

    /** The same comparison as Headscale's isSafeServerURL, label by label from the right. */
    static boolean headscaleAccepts(String serverHost, String baseDomain) {
        if (serverHost.equals(baseDomain)) {
            return false;
        }
        String[] server = serverHost.split("\\.");
        String[] base = baseDomain.split("\\.");
        if (server.length <= base.length) {
            return true;
        }
        for (int i = 0; i < base.length; i++) {
            if (!server[server.length - i - 1].equals(base[base.length - i - 1])) {
                return true;
            }
        }
        return false;
    }
}
