package io.vpai.harness.render;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.Access;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.ModelException;
import io.vpai.harness.model.Route;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Value;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Caddyfile read back as blocks: who gets the vpn_only check is what the model says, route by route. */
@Tag("gate")
@DisplayName("The Caddyfile gives vpn_only to exactly the routes the model says")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.RENDERING)
class CaddyfileRendererTest {
    private static final String SNIPPET = CaddyfileRenderer.SNIPPET;
    private final Stack model = VpaiStack.model();

    private static CaddyfileOutline outline(Stack stack) {
        return CaddyfileOutline.parse(CaddyfileRenderer.caddyfile(stack));
    }

    private static Access opposite(Access access) {
        return access == Access.VPN_ONLY ? Access.PUBLIC : Access.VPN_ONLY;
    }

    @Test
    void theSnippetListsExactlyTheModelsAllowList() {
        CaddyfileOutline.Block snippet = outline(model).snippet(SNIPPET).orElseThrow();

        assertThat(snippet.directives()).hasSize(2);
        String matcher = snippet.directives().get(0);
        assertThat(matcher).startsWith("@blocked not remote_ip ");
        List<String> listed = Arrays.asList(matcher.substring("@blocked not remote_ip ".length()).split(" "));
        assertThat(listed).containsExactlyElementsOf(model.proxy().vpnOnlyAllowList().stream().map(Cidr::toString).toList());
        assertThat(snippet.directives().get(1)).isEqualTo("respond @blocked 403");
        assertThat(CaddyfileRenderer.caddyfile(model)).doesNotContain("client_ip");
    }

    @TestFactory
    Stream<DynamicTest> everyRouteGetsTheAccessTheModelDeclares() {
        CaddyfileOutline outline = outline(model);
        return model.proxy().routes().stream().map(route -> DynamicTest.dynamicTest(route.id() + " is " + route.access(), () -> {
            assertThat(outline.accessOf(route, SNIPPET)).isEqualTo(route.access());
            CaddyfileOutline.Block site = outline.site(route.host()).orElseThrow();
            String action = route.service().map(s -> "reverse_proxy " + s + ":" + route.port())
                    .orElseGet(() -> "respond \"" + route.respond().orElseThrow() + "\" 200");
            assertThat(outline.answeringBlock(site, route).directives()).contains(action);
        }));
    }

    @TestFactory
    Stream<DynamicTest> flippingOneRoutesAccessFlipsThatRouteAndNoOther() {
        return model.proxy().routes().stream().map(flipped -> DynamicTest.dynamicTest(
                "with " + flipped.id() + " made " + opposite(flipped.access()) + ", only it changes", () -> {
                    List<Route> routes = model.proxy().routes().stream()
                            .map(r -> r.equals(flipped) ? r.withAccess(opposite(r.access())) : r).toList();
                    Stack twin = model.withProxy(model.proxy().withRoutes(routes));
                    CaddyfileOutline outline = outline(twin);
                    for (Route route : routes) {
                        assertThat(outline.accessOf(route, SNIPPET)).as(route.id()).isEqualTo(route.access());
                    }
                    assertThat(outline.accessOf(flipped, SNIPPET)).isEqualTo(opposite(flipped.access()));
                }));
    }

    @Test
    void publicPathsAreAnsweredBeforeTheVpnOnlyRestOfTheirHost() {
        CaddyfileOutline outline = outline(model);
        for (Route route : model.proxy().routes()) {
            if (route.access() != Access.PUBLIC || route.path().equals("/")) {
                continue;
            }
            CaddyfileOutline.Block site = outline.site(route.host()).orElseThrow();
            assertThat(site.imports(SNIPPET)).as(route.host() + " must not import the snippet at site level").isFalse();
            List<String> heads = site.children().stream().map(CaddyfileOutline.Block::head).toList();
            assertThat(heads).as(route.host()).endsWith("handle");
            assertThat(site.child("handle").orElseThrow().imports(SNIPPET)).as(route.host() + ": the rest of the host").isTrue();
        }
    }

    @Test
    void everySiteWithAVpnOnlyRouteImportsTheSnippet() {
        CaddyfileOutline outline = outline(model);
        for (Route route : model.proxy().routes()) {
            if (route.access() == Access.VPN_ONLY) {
                CaddyfileOutline.Block site = outline.site(route.host()).orElseThrow();
                boolean imports = site.imports(SNIPPET) || site.children().stream().anyMatch(c -> c.imports(SNIPPET));
                assertThat(imports).as(route.host()).isTrue();
            }
        }
    }

    @Test
    void pathsNoRouteDeclaresAreVpnOnlyAndNotFound() {
        CaddyfileOutline.Block root = outline(model).site(VpaiStack.DOMAIN).orElseThrow();

        assertThat(root.child("handle").orElseThrow().directives()).containsExactly("import " + SNIPPET, "respond 404");
    }

    @Test
    void anotherAllowListIsRenderedAsIs() {
        Stack twin = model.withProxy(model.proxy().withAllowList(List.of(Cidr.parse("100.64.0.0/10"))));

        assertThat(outline(twin).snippet(SNIPPET).orElseThrow().directives().get(0))
                .isEqualTo("@blocked not remote_ip 100.64.0.0/10");
    }

    @Test
    void dns01ReadsEachOvhCredentialFromCaddysDeclaredEnvironment() {
        String options = CaddyfileRenderer.environmentFile(model, TlsMode.DNS01_OVH);
        Matcher m = Pattern.compile("\\{env\\.([A-Z0-9_]+)}").matcher(options);
        List<String> read = new ArrayList<>();
        while (m.find()) {
            read.add(m.group(1));
        }

        assertThat(read).hasSize(CaddyfileRenderer.OVH_SETTINGS.size());
        assertThat(model.requireService(model.proxy().service()).environment()).containsKeys(read.toArray(String[]::new));
        assertThat(CaddyfileOutline.parse(options).globalOptions().orElseThrow().children())
                .extracting(CaddyfileOutline.Block::head).containsExactly("acme_dns ovh");
        assertThat(options).doesNotContain("local_certs").doesNotContain("tls internal");
    }

    @Test
    void dns01WithoutAnOvhVariableInCaddysEnvironmentIsAModelError() {
        Stack twin = model.withService("caddy", s -> {
            Map<String, Value> environment = new LinkedHashMap<>(s.environment());
            environment.remove("OVH_CONSUMER_KEY");
            return s.withEnvironment(environment);
        });

        assertThatThrownBy(() -> CaddyfileRenderer.environmentFile(twin, TlsMode.DNS01_OVH))
                .isInstanceOf(ModelException.class).hasMessageContaining("OVH_CONSUMER_KEY");
    }

    @Test
    void theCaddyfileIsTheSameInEveryEnvironmentAndImportsWhatDiffers() {
        String caddyfile = CaddyfileRenderer.caddyfile(model);
        CaddyfileOutline outline = CaddyfileOutline.parse(caddyfile);

        assertThat(outline.topLevelDirectives()).containsExactly("import " + CaddyfileRenderer.ENVIRONMENT_FILE);
        assertThat(outline.globalOptions()).as("global options live in the imported file").isEmpty();
        assertThat(caddyfile).doesNotContain("acme_dns").doesNotContain("local_certs").doesNotContain("tls ");
        for (TlsMode tls : TlsMode.values()) {
            assertThat(CaddyfileRenderer.files(model, tls).caddyfile()).as(tls.name()).isEqualTo(caddyfile);
        }
        assertThat(RenderAll.render(model)).extracting(RenderedFile::path)
                .contains(CaddyfileRenderer.PATH, CaddyfileRenderer.ENVIRONMENT_PATH);
    }

    @Test
    void theTestEnvironmentsImportSignsEverySiteLocallyAndNeverAsksOvh() {
        String internal = CaddyfileRenderer.environmentFile(model, TlsMode.INTERNAL);
        String production = CaddyfileRenderer.environmentFile(model, TlsMode.DNS01_OVH);

        assertThat(CaddyfileOutline.parse(internal).globalOptions().orElseThrow().directives())
                .containsExactly("local_certs", "skip_install_trust");
        assertThat(internal).doesNotContain("acme_dns").doesNotContain("{env.");
        assertThat(CaddyfileOutline.parse(production).globalOptions().orElseThrow().directives())
                .doesNotContain("local_certs");
        assertThat(RenderAll.render(model)).filteredOn(f -> f.path().equals(CaddyfileRenderer.ENVIRONMENT_PATH))
                .singleElement().extracting(RenderedFile::content).as("the shipped import is production's")
                .isEqualTo(production);
    }

    @Test
    void aRouteToAPortTheServiceDoesNotListenOnIsAModelError() {
        List<Route> routes = new ArrayList<>(model.proxy().routes());
        routes.add(Route.proxy("extra." + VpaiStack.DOMAIN, "grafana", 9999, Access.VPN_ONLY));
        Stack twin = model.withProxy(model.proxy().withRoutes(routes));

        assertThatThrownBy(() -> CaddyfileRenderer.caddyfile(twin))
                .isInstanceOf(ModelException.class).hasMessageContaining("9999");
    }
}
