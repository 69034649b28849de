package io.vpai.harness.environment;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.vpai.harness.environment.EnvironmentYaml.CONTAINERS;
import static io.vpai.harness.environment.EnvironmentYaml.assertAt;
import static io.vpai.harness.environment.EnvironmentYaml.change;
import static io.vpai.harness.environment.EnvironmentYaml.lineOf;
import static io.vpai.harness.environment.EnvironmentYaml.removeLine;
import static io.vpai.harness.environment.EnvironmentYaml.replaceLine;
import static org.assertj.core.api.Assertions.assertThat;

/** Each rule of a container environment file: the bad file fails at its line and key, the good twin loads. */
@Tag("gate")
@DisplayName("Container environment files: a bad file fails at its line and key, the good twin loads")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.ENVIRONMENT_FILES)
class ContainerEnvironmentLoaderTest {
    @TempDir
    Path root;
    EnvironmentYaml yaml;

    @BeforeEach
    void setUp() {
        yaml = new EnvironmentYaml(root);
    }

    private ContainerEnvironment loads(String text) {
        return (ContainerEnvironment) yaml.load("t", text);
    }

    private void fails(String text, int line, String keyPath, String fragment) {
        assertAt(yaml.error("t", text), "t", line, keyPath, fragment);
    }

    @Test
    void theBaseFileLoads() {
        ContainerEnvironment env = loads(CONTAINERS);
        assertThat(env.name()).isEqualTo("t");
        assertThat(env.target()).isEqualTo(Environment.Target.CONTAINERS);
        assertThat(env.tls()).isEqualTo(TlsMode.INTERNAL);
        assertThat(env.healthInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(env.destructiveAllowed()).isTrue();
        assertThat(env.image("postgresql")).isEqualTo(new ImageSource.Build("postgres", Fidelity.REAL));
        assertThat(env.image("diun")).isEqualTo(new ImageSource.Pull("crazymax/diun:4.29.0", Fidelity.REAL));
        assertThat(env.fixtures().tailnet().proxy()).isEqualTo("100.64.0.14");
        assertThat(env.fixtures().tailnet().underlay().vpnClient()).isEqualTo("198.51.100.43");
        assertThat(env.fixtures().internet().gateway()).isEqualTo("198.51.100.1");
    }

    // --- the file as a whole -------------------------------------------------------------------

    @Test
    void anEmptyFileIsAnError() {
        fails("", 1, null, "the file is empty");
        fails("# only a comment\n", 1, null, "the file is empty");
    }

    @Test
    @DisplayName("a YAML syntax error is reported at SnakeYAML's line")
    void aSyntaxErrorIsReportedAtItsLine() {
        String bad = replaceLine(CONTAINERS, "tls:", "tls: [internal");
        // The unclosed flow sequence is noticed where the next key starts.
        fails(bad, lineOf(bad, "healthInterval:"), null, "YAML syntax error");
        String tab = change(CONTAINERS, "tls: internal", "tls: internal\n\tbad: tab");
        fails(tab, lineOf(tab, "bad: tab"), null, "YAML syntax error");
    }

    @Test
    void aDuplicateKeyIsAnError() {
        String bad = change(CONTAINERS, "healthInterval: 1s", "healthInterval: 1s\ntls: none");
        fails(bad, lineOf(bad, "tls: none"), "tls", "duplicate key (first at line " + lineOf(bad, "tls: internal") + ")");
        String nested = change(CONTAINERS, "    client: 198.51.100.20", "    client: 198.51.100.20\n    proxy: 198.51.100.15");
        fails(nested, lineOf(nested, "proxy: 198.51.100.15"), "fixtures.internet.proxy", "duplicate key");
        String image = change(CONTAINERS, "  caddy:           { build: caddy, fidelity: real }",
                "  caddy:           { build: caddy, fidelity: real }\n  caddy:           { build: standin, fidelity: stand-in }");
        fails(image, lineOf(image, "build: standin, fidelity: stand-in }"), "images.caddy",
                "duplicate key (first at line " + lineOf(image, "caddy:           { build: caddy") + ")");
    }

    @Test
    void twoDocumentsInOneFileAreAnError() {
        String bad = CONTAINERS + "---\nname: other\n";
        fails(bad, lineOf(bad, "---"), null, "YAML syntax error");
    }

    @Test
    void theTopLevelMustBeAMapping() {
        fails("- name: t\n", 1, null, "expected a mapping, found a list");
    }

    @Test
    void anUnknownTopLevelKeyIsAnError() {
        String bad = replaceLine(CONTAINERS, "tls:", "tsl: internal");
        fails(bad, lineOf(bad, "tsl:"), "tsl", "unknown key (expected: name, target, description, tls");
    }

    @Test
    void anUnknownNestedKeyIsAnError() {
        String bad = change(CONTAINERS, "{ build: caddy, fidelity: real }", "{ build: caddy, fidelty: real }");
        fails(bad, lineOf(bad, "fidelty"), "images.caddy.fidelty", "unknown key (expected: build, image, fidelity)");
        String fixture = change(CONTAINERS, "    client: 198.51.100.20", "    client: 198.51.100.20\n    dns: 198.51.100.54");
        fails(fixture, lineOf(fixture, "dns:"), "fixtures.internet.dns", "unknown key");
        String s3 = CONTAINERS + "  s3: { bucket: vpai-backups }\n";
        fails(s3, lineOf(s3, "s3:"), "fixtures.s3", "unknown key (expected: internet)");
        // The tailnet is the real mesh now, at the model's addresses: the old bridge's block is refused.
        String tailnet = CONTAINERS + "  tailnet: { subnet: 100.64.0.0/10 }\n";
        fails(tailnet, lineOf(tailnet, "tailnet:"), "fixtures.tailnet", "unknown key (expected: internet)");
    }

    @Test
    void anSshKeyInAContainerEnvironmentIsAnError() {
        String bad = CONTAINERS + "destructive: false\n";
        fails(bad, lineOf(bad, "destructive"), "destructive", "only a ssh environment takes this key (target is containers");
    }

    @Test
    void aMissingRequiredKeyIsReportedAtItsParent() {
        fails(removeLine(CONTAINERS, "tls:"), 1, "tls", "missing (required)");
        fails(removeLine(CONTAINERS, "description:"), 1, "description", "missing (required)");
        fails(removeLine(CONTAINERS, "gateway: 198.51.100.1"), lineOf(CONTAINERS, "  internet:"),
                "fixtures.internet.gateway", "missing (required)");
        fails(change(CONTAINERS, "{ build: caddy, fidelity: real }", "{ build: caddy }"),
                lineOf(CONTAINERS, "caddy:"), "images.caddy.fidelity", "missing (required)");
        String noInternet = CONTAINERS.substring(0, CONTAINERS.indexOf("  internet:"));
        fails(noInternet, lineOf(noInternet, "fixtures:"), "fixtures", "has no value");
    }

    @Test
    void anEmptyValueIsAnError() {
        String bad = replaceLine(CONTAINERS, "tls:", "tls:");
        fails(bad, lineOf(bad, "tls:"), "tls", "has no value");
    }

    @Test
    void aValueOfTheWrongTypeIsAnError() {
        String number = replaceLine(CONTAINERS, "healthInterval:", "healthInterval: 1");
        fails(number, lineOf(number, "healthInterval:"), "healthInterval", "expected a string, found the integer '1'");
        String bool = replaceLine(CONTAINERS, "tls:", "tls: off");
        fails(bool, lineOf(bool, "tls:"), "tls", "expected a string, found the boolean 'off' (quote it");
        String list = change(CONTAINERS, "  caddy:           { build: caddy, fidelity: real }", "  caddy: [caddy]");
        fails(list, lineOf(list, "caddy: [caddy]"), "images.caddy", "expected a mapping, found a list");
        String scalar = CONTAINERS.substring(0, CONTAINERS.indexOf("fixtures:")) + "fixtures: none\n";
        fails(scalar, lineOf(scalar, "fixtures: none"), "fixtures", "expected a mapping, found the string 'none'");
    }

    @Test
    void theNameMustEqualTheFileName() {
        String bad = replaceLine(CONTAINERS, "name:", "name: offline");
        fails(bad, 1, "name", "'offline' does not match the file name 't'");
    }

    @Test
    void theTargetMustBeContainersOrSsh() {
        String bad = replaceLine(CONTAINERS, "target:", "target: docker");
        fails(bad, 2, "target", "'docker' is not a target (containers | ssh)");
    }

    @Test
    void theTlsModeMustBeInternal() {
        String bad = replaceLine(CONTAINERS, "tls:", "tls: dns-01");
        fails(bad, 4, "tls", "'dns-01' is not a TLS mode (internal;");
        // Plain HTTP was a mode once; the shipped Caddyfile's site addresses cannot change per environment.
        fails(replaceLine(CONTAINERS, "tls:", "tls: none"), 4, "tls", "'none' is not a TLS mode (internal;");
        assertThat(loads(replaceLine(CONTAINERS, "tls:", "tls: internal")).tls()).isEqualTo(TlsMode.INTERNAL);
    }

    @Test
    void theHealthIntervalMustBeAPositiveDuration() {
        fails(replaceLine(CONTAINERS, "healthInterval:", "healthInterval: 1 second"), 5, "healthInterval",
                "is not a duration");
        fails(replaceLine(CONTAINERS, "healthInterval:", "healthInterval: 0s"), 5, "healthInterval",
                "must be longer than zero");
        assertThat(loads(replaceLine(CONTAINERS, "healthInterval:", "healthInterval: 500ms")).healthInterval())
                .isEqualTo(Duration.ofMillis(500));
    }

    // --- images ---------------------------------------------------------------------------------

    @Test
    void everyModelServiceNeedsAnImage() {
        String bad = removeLine(CONTAINERS, "diun:");
        fails(bad, lineOf(bad, "images:"), "images.diun", "missing; every model service needs an image (missing: diun)");
    }

    @Test
    void anImageForAServiceTheModelDoesNotHaveIsAnError() {
        String bad = change(CONTAINERS, "  redis:  ", "  redsi:  ");
        fails(bad, lineOf(bad, "redsi:"), "images.redsi", "no service 'redsi' in the model (services: caddy, postgresql");
    }

    @Test
    void imagesAreOrderedAsTheModelsServicesWhateverTheFileOrder() {
        String diun = "  diun:            { image: \"crazymax/diun:4.29.0\", fidelity: real }\n";
        String reordered = change(change(CONTAINERS, diun, ""), "images:\n", "images:\n" + diun);
        assertThat(lineOf(reordered, "diun:")).isLessThan(lineOf(reordered, "caddy:"));
        assertThat(loads(reordered).images().keySet()).containsExactlyElementsOf(
                EnvironmentYaml.MODEL.services().stream().map(s -> s.name()).toList());
    }

    @Test
    void anImageNeedsExactlyOneOfBuildOrImage() {
        String both = change(CONTAINERS, "{ build: redis, fidelity: real }",
                "{ build: redis, image: \"redis:7.0.15\", fidelity: real }");
        fails(both, lineOf(both, "redis:"), "images.redis", "has both build and image; give exactly one");
        String neither = change(CONTAINERS, "{ build: redis, fidelity: real }", "{ fidelity: real }");
        fails(neither, lineOf(neither, "redis:"), "images.redis", "needs exactly one of build or image");
    }

    @Test
    void aBuildMustNameAKnownOfflineImage() {
        String bad = change(CONTAINERS, "{ build: redis,", "{ build: redsi,");
        fails(bad, lineOf(bad, "redsi"), "images.redis.build", "unknown offline image 'redsi' (known: base, runtime-common, n8n, postgres");
    }

    @Test
    void aPulledImageMustBePinned() {
        String untagged = change(CONTAINERS, "crazymax/diun:4.29.0", "crazymax/diun");
        fails(untagged, lineOf(untagged, "diun:"), "images.diun.image", "is not pinned: it has no tag");
        String latest = change(CONTAINERS, "crazymax/diun:4.29.0", "crazymax/diun:latest");
        fails(latest, lineOf(latest, "diun:"), "images.diun.image", "is not pinned: 'latest'");
        String garbage = change(CONTAINERS, "crazymax/diun:4.29.0", "Crazymax/diun 4.29");
        fails(garbage, lineOf(garbage, "diun:"), "images.diun.image", "is not an image reference");
        String registry = change(CONTAINERS, "crazymax/diun:4.29.0", "registry.example:5000/crazymax/diun:4.29.0");
        assertThat(loads(registry).image("diun").describe()).isEqualTo("registry.example:5000/crazymax/diun:4.29.0");
        String digest = "crazymax/diun@sha256:" + "a".repeat(64);
        assertThat(loads(change(CONTAINERS, "crazymax/diun:4.29.0", digest)).image("diun"))
                .isEqualTo(new ImageSource.Pull(digest, Fidelity.REAL));
    }

    @Test
    void theFidelityMustBeRealOrStandIn() {
        String bad = change(CONTAINERS, "{ build: caddy, fidelity: real }", "{ build: caddy, fidelity: fake }");
        fails(bad, lineOf(bad, "caddy:"), "images.caddy.fidelity", "'fake' is not a fidelity (real | stand-in)");
        String standin = change(CONTAINERS, "{ build: caddy, fidelity: real }", "{ build: caddy, fidelity: stand-in }");
        assertThat(loads(standin).fidelity("caddy")).isEqualTo(Fidelity.STAND_IN);
    }

    @Test
    void theStandinImageCannotClaimToBeReal() {
        String bad = change(CONTAINERS, "qdrant:          { build: standin, fidelity: stand-in }",
                "qdrant:          { build: standin, fidelity: real }");
        fails(bad, lineOf(bad, "qdrant:"), "images.qdrant.fidelity", "fidelity is stand-in, not real");
    }

    // --- fixtures -------------------------------------------------------------------------------

    @Test
    void aFixtureSubnetMustBeACidrPrefix() {
        fails(change(CONTAINERS, "subnet: 198.51.100.0/24", "subnet: 198.51.100.0"),
                lineOf(CONTAINERS, "subnet: 198.51.100.0/24"), "fixtures.internet.subnet",
                "'198.51.100.0': not a CIDR prefix (expected a.b.c.d/n)");
        fails(change(CONTAINERS, "subnet: 198.51.100.0/24", "subnet: 198.51.100.7/24"),
                lineOf(CONTAINERS, "subnet: 198.51.100.0/24"), "fixtures.internet.subnet", "host bits set");
        fails(change(CONTAINERS, "subnet: 198.51.100.0/24", "subnet: 198.51.100.0/33"),
                lineOf(CONTAINERS, "subnet: 198.51.100.0/24"), "fixtures.internet.subnet",
                "'198.51.100.0/33': prefix length must be 0..32");
    }

    @Test
    void aFixtureSubnetMustHoldTheGatewayAndThreeMembers() {
        String bad = change(CONTAINERS, "subnet: 198.51.100.0/24", "subnet: 198.51.100.0/30");
        fails(bad, lineOf(bad, "198.51.100.0/30"), "fixtures.internet.subnet", "is too small");
    }

    @Test
    void aFixtureAddressMustBeInsideItsSubnet() {
        String bad = change(CONTAINERS, "client: 198.51.100.20", "client: 203.0.113.20");
        fails(bad, lineOf(bad, "client: 203.0.113.20"), "fixtures.internet.client",
                "203.0.113.20 is outside fixtures.internet.subnet 198.51.100.0/24");
        String gateway = change(CONTAINERS, "gateway: 198.51.100.1", "gateway: 198.51.101.1");
        fails(gateway, lineOf(gateway, "198.51.101.1"), "fixtures.internet.gateway", "is outside");
    }

    @Test
    void aFixtureAddressMustBeAnIpv4Address() {
        String bad = change(CONTAINERS, "resolver: 198.51.100.53", "resolver: ns.example");
        fails(bad, lineOf(bad, "ns.example"), "fixtures.internet.resolver", "'ns.example' is not an IPv4 address");
        String plus = change(CONTAINERS, "resolver: 198.51.100.53", "resolver: 198.51.100.+53");
        fails(plus, lineOf(plus, "+53"), "fixtures.internet.resolver", "is not an IPv4 address");
    }

    @Test
    void aFixtureAddressCannotBeTheNetworkOrBroadcastAddress() {
        String network = change(CONTAINERS, "client: 198.51.100.20", "client: 198.51.100.0");
        fails(network, lineOf(network, "client: 198.51.100.0"), "fixtures.internet.client", "is the network address");
        String broadcast = change(CONTAINERS, "client: 198.51.100.20", "client: 198.51.100.255");
        fails(broadcast, lineOf(broadcast, "198.51.100.255"), "fixtures.internet.client", "is the broadcast address");
    }

    @Test
    void theGatewayCannotBeAFixtureMember() {
        String bad = change(CONTAINERS, "proxy: 198.51.100.10", "proxy: 198.51.100.1");
        fails(bad, lineOf(bad, "proxy: 198.51.100.1"), "fixtures.internet.proxy",
                "198.51.100.1 is already the gateway (the host's side of the bridge)");
    }

    @Test
    void fixtureMembersNeedTheirOwnAddresses() {
        String bad = change(CONTAINERS, "resolver: 198.51.100.53", "resolver: 198.51.100.20");
        fails(bad, lineOf(bad, "resolver: 198.51.100.20"), "fixtures.internet.resolver", "is already the client");
    }

    @Test
    @DisplayName("SAFETY: the internet fixture stays off the mesh's tailnet and the registries' proxy range")
    void theInternetFixtureStaysOffTheTailnetAndTheRegistries() {
        String tailnet = CONTAINERS.replace("198.51.100.", "100.64.1.");
        fails(tailnet, lineOf(tailnet, "subnet: 100.64.1.0/24"), "fixtures.internet.subnet", "is not inside");
        String registries = CONTAINERS.replace("198.51.100.", "203.0.113.");
        fails(registries, lineOf(registries, "subnet: 203.0.113.0/24"), "fixtures.internet.subnet", "is not inside");
    }

    @Test
    void anInternetFixtureTooSmallForTheMeshIsAnError() {
        String bad = change(change(CONTAINERS, "subnet: 198.51.100.0/24", "subnet: 198.51.100.0/27"),
                "resolver: 198.51.100.53", "resolver: 198.51.100.23");
        fails(bad, lineOf(bad, "198.51.100.0/27"), "fixtures.internet.subnet", "has no free host .40 for the Headscale fixture");
    }

    @Test
    void aFixtureSubnetCannotOverlapAModelNetwork() {
        String bad = CONTAINERS.replace("198.51.100.", "172.20.2.");
        fails(bad, lineOf(bad, "subnet: 172.20.2.0/24"), "fixtures.internet.subnet",
                "overlaps the model's backend network 172.20.2.0/24");
        String wide = change(CONTAINERS.replace("198.51.100.", "172.20.9."), "172.20.9.0/24", "172.20.0.0/16");
        fails(wide, lineOf(wide, "172.20.0.0/16"), "fixtures.internet.subnet", "overlaps the model's frontend network");
        assertThat(loads(CONTAINERS.replace("198.51.100.", "172.21.9.")).fixtures().internet().subnet())
                .hasToString("172.21.9.0/24");
    }

    @Test
    @DisplayName("SAFETY: a fixture never contains or overlaps the CI uplink 192.0.2.0/24")
    void aFixtureNeverTouchesTheUplink() {
        String uplink = CONTAINERS.replace("198.51.100.", "192.0.2.");
        fails(uplink, lineOf(uplink, "subnet: 192.0.2.0/24"), "fixtures.internet.subnet",
                "192.0.2.0/24 contains or overlaps the CI machine's uplink 192.0.2.0/24");
        String around = change(uplink, "192.0.2.0/24", "192.0.0.0/16");
        fails(around, lineOf(around, "192.0.0.0/16"), "fixtures.internet.subnet", "the CI machine's uplink");
        String inside = change(uplink, "192.0.2.0/24", "192.0.2.0/25");
        fails(inside, lineOf(inside, "192.0.2.0/25"), "fixtures.internet.subnet", "the CI machine's uplink");
    }

    @Test
    @DisplayName("SAFETY: a fixture is never a public range other than the documentation ranges")
    void aFixtureIsNeverAPublicRange() {
        String google = CONTAINERS.replace("198.51.100.", "8.8.8.");
        fails(google, lineOf(google, "subnet: 8.8.8.0/24"), "fixtures.internet.subnet",
                "8.8.8.0/24 is not inside a private or the free documentation range");
        String vps = CONTAINERS.replace("198.51.100.", "137.74.114.");
        fails(vps, lineOf(vps, "subnet: 137.74.114.0/24"), "fixtures.internet.subnet", "could reach the real internet");
        String widerThanDocs = change(CONTAINERS, "198.51.100.0/24", "198.51.0.0/16");
        fails(widerThanDocs, lineOf(widerThanDocs, "198.51.0.0/16"), "fixtures.internet.subnet",
                "is not inside a private or the free documentation range");
        String loopback = CONTAINERS.replace("198.51.100.", "127.0.9.");
        fails(loopback, lineOf(loopback, "subnet: 127.0.9.0/24"), "fixtures.internet.subnet", "is not inside");
        assertThat(loads(CONTAINERS.replace("198.51.100.", "10.99.0.")).fixtures().internet().subnet())
                .hasToString("10.99.0.0/24");
    }

    @Test
    void theMeshHoldsTheModelsTailnetAddresses() {
        TailnetFixture mesh = loads(CONTAINERS).fixtures().tailnet();
        assertThat(List.of(mesh.proxy(), mesh.client(), mesh.workstation(), mesh.resolver()))
                .containsExactly("100.64.0.14", "100.64.0.2", "100.64.0.1", "100.100.100.100");
        assertThat(mesh.underlay()).isEqualTo(new TailnetFixture.Underlay("198.51.100.40", "198.51.100.41",
                "198.51.100.42", "198.51.100.43"));
    }

    @Test
    void fixturesAnswerWhetherAnAddressIsInside() {
        Fixtures fixtures = loads(CONTAINERS).fixtures();
        assertThat(fixtures.contains("100.64.0.14")).isTrue();
        assertThat(fixtures.contains("198.51.100.1")).isTrue();
        assertThat(fixtures.contains("192.0.2.1")).isFalse();
        assertThat(fixtures.contains("137.74.114.167")).isFalse();
        assertThat(fixtures.internet().contains("not an address")).isFalse();
    }
}
