package io.vpai.harness.model;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each validation error, fed a model that has it, and the real model that has none. */
@Tag("gate")
@DisplayName("The model validator names each error, and the real model has none")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.MODEL)
class ModelValidatorTest {
    private final Stack vpai = VpaiStack.model();

    @Test
    void theSeedModelIsValid() {
        assertThat(ModelValidator.problems(vpai)).isEmpty();
        assertThat(ModelValidator.validate(vpai)).isSameAs(vpai);
    }

    @Test
    void duplicateServiceNameIsNamed() {
        List<Service> services = new ArrayList<>(vpai.services());
        services.add(vpai.requireService("redis"));
        assertThatThrownBy(() -> ModelValidator.validate(vpai.withServices(services)))
                .isInstanceOf(ModelException.class)
                .hasMessage("service 'redis' is declared twice");
    }

    @Test
    void duplicateNetworkNameIsNamed() {
        List<Network> networks = new ArrayList<>(vpai.networks());
        networks.add(Network.internal("backend", "172.20.9.0/24"));
        assertThat(ModelValidator.problems(vpai.withNetworks(networks)))
                .contains("network 'backend' is declared twice");
    }

    @Test
    void unknownNetworkReferenceIsNamed() {
        Stack bad = vpai.withService("n8n", s -> s.withAttachment(new Attachment("backnd", "172.20.2.99")));
        assertThat(ModelValidator.problems(bad)).containsExactly("service 'n8n': network 'backnd' is not declared");
    }

    @Test
    void unknownDependencyIsNamed() {
        Stack bad = vpai.withService("openclaw", s -> s.withDependsOn(List.of(Dependency.healthy("litelm"))));
        assertThat(ModelValidator.problems(bad)).containsExactly("service 'openclaw': depends on unknown service 'litelm'");
    }

    @Test
    void unknownRouteUpstreamIsNamed() {
        List<Route> routes = new ArrayList<>(vpai.proxy().routes());
        routes.add(Route.proxy("x.ewutelo.cloud", "nextcloud", 80, Access.VPN_ONLY));
        assertThat(ModelValidator.problems(vpai.withProxy(vpai.proxy().withRoutes(routes))))
                .containsExactly("route x.ewutelo.cloud/: upstream service 'nextcloud' is not declared");
    }

    @Test
    void addressOutsideItsSubnetIsNamed() {
        Stack bad = vpai.withService("redis", s -> s.withNetworks(List.of(new Attachment("backend", "172.20.3.99"))));
        assertThat(ModelValidator.problems(bad))
                .containsExactly("service 'redis': address 172.20.3.99 is outside network 'backend' (172.20.2.0/24)");
    }

    @Test
    void gatewayAddressIsReserved() {
        Stack bad = vpai.withService("redis", s -> s.withNetworks(List.of(new Attachment("backend", "172.20.2.1"))));
        assertThat(ModelValidator.problems(bad))
                .containsExactly("service 'redis': address 172.20.2.1 is reserved on network 'backend' (network or gateway address)");
    }

    @Test
    void overlappingSubnetsAreNamed() {
        List<Network> networks = new ArrayList<>(vpai.networks());
        networks.add(Network.internal("storage", "172.20.0.0/16"));
        assertThat(ModelValidator.problems(vpai.withNetworks(networks)))
                .contains("network 'storage': subnet 172.20.0.0/16 overlaps network 'frontend' (172.20.1.0/24)");
    }

    @Test
    void duplicateAddressIsNamed() {
        Stack bad = vpai.withService("redis", s -> s.withNetworks(List.of(new Attachment("backend", "172.20.2.20"))));
        assertThat(ModelValidator.problems(bad))
                .containsExactly("service 'redis': address 172.20.2.20 is already used by service 'postgresql'");
    }

    @Test
    void dependencyCycleIsNamedWithItsPath() {
        Stack bad = vpai.withService("postgresql", s -> s.withDependsOn(List.of(Dependency.healthy("openclaw"))));
        assertThat(ModelValidator.problems(bad))
                .containsExactly("startup order has a cycle: postgresql -> openclaw -> litellm -> postgresql");
    }

    @Test
    void healthConditionOnServiceWithoutHealthCheckIsNamed() {
        Stack bad = vpai.withService("redis", s -> s.withHealthCheck(Optional.empty()));
        assertThat(ModelValidator.problems(bad))
                .containsExactly("service 'litellm': waits for 'redis' to be healthy, but it has no health check");
    }

    @Test
    void startedConditionNeedsNoHealthCheck() {
        Stack ok = vpai.withService("redis", s -> s.withHealthCheck(Optional.empty()))
                .withService("litellm", s -> s.withDependsOn(List.of(Dependency.healthy("postgresql"),
                        Dependency.started("redis"))));
        assertThat(ModelValidator.problems(ok)).isEmpty();
    }

    @Test
    void routeToServiceCaddyCannotReachIsNamed() {
        Stack bad = vpai.withService("grafana", s -> s.withoutNetwork("frontend"));
        assertThat(ModelValidator.problems(bad)).containsExactly(
                "route tala.ewutelo.cloud/: caddy cannot reach 'grafana' (no shared network; caddy is on "
                        + "[frontend, backend], grafana on [monitoring])");
    }

    @Test
    void routeToUndeclaredPortIsNamed() {
        List<Route> routes = new ArrayList<>(vpai.proxy().routes());
        routes.set(0, Route.proxy(VpaiStack.OPENCLAW_HOST, "openclaw", 18790, Access.VPN_ONLY));
        assertThat(ModelValidator.problems(vpai.withProxy(vpai.proxy().withRoutes(routes))))
                .containsExactly("route javisi.ewutelo.cloud/: 'openclaw' does not declare port 18790");
    }

    @Test
    void vpnOnlyNameWithNonTailnetAnswerIsNamed() {
        List<DnsRecord> records = new ArrayList<>(vpai.dns().tailnetRecords());
        records.set(3, records.get(3).withAddress("137.74.114.167"));
        assertThat(ModelValidator.problems(vpai.withDns(vpai.dns().withTailnetRecords(records))))
                .containsExactly("record llm.ewutelo.cloud: VPN-only name answers 137.74.114.167, which is not a "
                        + "tailnet address (100.64.0.0/10)");
    }

    @Test
    void recordLevelErrorsAreOneLine() {
        assertThatThrownBy(() -> Cidr.parse("172.20.1.5/24"))
                .hasMessage("'172.20.1.5/24': host bits set (the prefix is 172.20.1.0/24)");
        assertThatThrownBy(() -> new Attachment("backend", "172.20.2.300"))
                .hasMessage("network 'backend': address '172.20.2.300' is not an IPv4 address");
        assertThatThrownBy(() -> Service.builder("Bad Name", "x", "a:1").build())
                .hasMessageContaining("service name 'Bad Name' must match");
    }

    // Issue 9, item 7.5: a bad value names what owns it.

    @Test
    void aBadSubnetNamesItsNetwork() {
        assertThatThrownBy(() -> Network.bridge("frontend", "172.20.1.0/33"))
                .isInstanceOf(ModelException.class)
                .hasMessage("network 'frontend': subnet '172.20.1.0/33': prefix length must be 0..32");
        assertThatThrownBy(() -> Network.internal("backend", "172.20.2.5/24"))
                .hasMessage("network 'backend': subnet '172.20.2.5/24': host bits set (the prefix is 172.20.2.0/24)");
        assertThatThrownBy(() -> Network.egress("egress", "172.20.4.0"))
                .hasMessage("network 'egress': subnet '172.20.4.0': not a CIDR prefix (expected a.b.c.d/n)");
        assertThatThrownBy(() -> Network.bridge("frontend", "172.20.1/24"))
                .hasMessage("network 'frontend': subnet '172.20.1/24': '172.20.1' is not an IPv4 address");
        assertThatThrownBy(() -> Network.bridge("frontend", "172.20.1.0/2x"))
                .hasMessage("network 'frontend': subnet '172.20.1.0/2x': prefix length '2x' is not a number");
    }

    @Test
    void aBadPortNamesItsService() {
        assertThatThrownBy(() -> Service.builder("caddy", "Caddy", "caddy:2").ports(70000).build())
                .isInstanceOf(ModelException.class)
                .hasMessage("service 'caddy': port 70000 is not within 1..65535");
        assertThatThrownBy(() -> Service.builder("caddy", "Caddy", "caddy:2").publishTcp(0))
                .hasMessage("service 'caddy': port 0 is not within 1..65535");
    }

    @Test
    void aBadAddressNamesItsServiceAndNetwork() {
        assertThatThrownBy(() -> Service.builder("redis", "Redis", "redis:7").on("backend", "172.20.2.300"))
                .isInstanceOf(ModelException.class)
                .hasMessage("service 'redis' on network 'backend': address '172.20.2.300' is not an IPv4 address");
    }

    @Test
    void aPortDeclaredTwiceIsRejected() {
        assertThatThrownBy(() -> Service.builder("caddy", "Caddy", "caddy:2").ports(80, 443, 80).build())
                .isInstanceOf(ModelException.class)
                .hasMessage("service 'caddy': port 80 is declared twice");
        assertThatThrownBy(() -> Service.builder("caddy", "Caddy", "caddy:2").publishTcp(80, 443).publishTcp(80).build())
                .hasMessage("service 'caddy': published port 80/tcp is declared twice");
        // Same number, other protocol: HTTP/3 next to HTTPS is not a duplicate.
        assertThat(Service.builder("caddy", "Caddy", "caddy:2").publishTcp(443).publishUdp(443).build().published())
                .hasSize(2);
    }

    @Test
    void aHostPortPublishedByTwoServicesIsRejected() {
        Stack clash = vpai.withService("grafana", s -> s.withPublished(List.of(PublishedPort.tcp(443))));
        assertThat(ModelValidator.problems(clash))
                .containsExactly("service 'grafana': published port 443/tcp is already published by service 'caddy'");
    }
}
