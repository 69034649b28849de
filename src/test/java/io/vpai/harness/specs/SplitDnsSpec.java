package io.vpai.harness.specs;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.access.AccessCase;
import io.vpai.harness.access.AccessComparison;
import io.vpai.harness.access.AccessExpectations;
import io.vpai.harness.access.AccessProber;
import io.vpai.harness.access.Ingress;
import io.vpai.harness.access.Ingresses;
import io.vpai.harness.access.Observation;
import io.vpai.harness.access.Request;
import io.vpai.harness.baseline.ArchitectureBaseline;
import io.vpai.harness.baseline.BaselineRecord;
import io.vpai.harness.check.Finding;
import io.vpai.harness.dns.DnsAnswer;
import io.vpai.harness.dns.DnsComparison;
import io.vpai.harness.dns.DnsExpectation;
import io.vpai.harness.dns.DnsLookup;
import io.vpai.harness.dns.DnsjavaLookup;
import io.vpai.harness.dns.FixtureResolver;
import io.vpai.harness.dns.PublicAddressMap;
import io.vpai.harness.dns.SplitDnsExpectations;
import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.Ipv4;
import io.vpai.harness.model.Route;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.support.RequiresDocker;
import io.vpai.harness.target.NetworkGuard;
import io.vpai.harness.target.Target;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Split DNS, observed with dnsjava from the test JVM against the fixture resolvers: the tailnet resolver
 * answers every tailnet record, the public one every public record and nothing for tailnet-only names,
 * never a tailnet address; and end to end, what a client resolves leads where the access rules say —
 * the public answer only through {@link PublicAddressMap}, since the production address it names is
 * data and is never contacted.
 */
@Tag("stack")
@RequiresDocker
@DisplayName("Split DNS")
@Epic(Behaviors.CONFORMANCE)
@Feature(Behaviors.SPLIT_DNS)
@Story("Both resolvers answer as declared")
class SplitDnsSpec {
    static final Duration RESOLVER_RESTART = Duration.ofMinutes(2);
    static final Duration RESOLVER_BACK = Duration.ofSeconds(15);

    @TestFactory
    @DisplayName("the tailnet resolver answers every tailnet record")
    Stream<DynamicTest> tailnetResolverAnswersEveryRecord(Target target) {
        FixtureResolver resolver = FixtureResolver.tailnet(fixtures(target));
        return judged(target, SplitDnsExpectations.tailnet(target.model(), resolver), false);
    }

    @TestFactory
    @DisplayName("the public resolver answers the public records, NXDOMAIN for tailnet-only names, never a tailnet address")
    Stream<DynamicTest> publicResolverAnswersPublicRecordsOnly(Target target) {
        FixtureResolver resolver = FixtureResolver.publicZone(fixtures(target));
        return judged(target, SplitDnsExpectations.publicZone(target.model(), resolver), true);
    }

    /**
     * The second oracle: the architecture's DNS table (section 0) on the tailnet resolver, and section 2.5's
     * public answers on the public one — so a wrong record that the model carries and renders is still caught.
     */
    @TestFactory
    @DisplayName("both resolvers answer as the architecture's DNS table says")
    Stream<DynamicTest> bothResolversAnswerAsTheArchitectureSays(Target target) {
        Fixtures fixtures = fixtures(target);
        DnsLookup lookup = lookup(target);
        FixtureResolver tailnet = FixtureResolver.tailnet(fixtures);
        FixtureResolver publicZone = FixtureResolver.publicZone(fixtures);
        List<DynamicTest> tests = new ArrayList<>();
        for (BaselineRecord record : ArchitectureBaseline.TAILNET_RECORDS) {
            tests.add(baselineAnswer(target, lookup, tailnet, record.name(), Optional.of(record.address()),
                    "section 0, DNS table", target.model().dns().tailnetRecord(record.name()).map(r -> r.address())));
        }
        for (BaselineRecord record : ArchitectureBaseline.PUBLIC_RECORDS) {
            tests.add(baselineAnswer(target, lookup, publicZone, record.name(), Optional.of(record.address()),
                    "section 2.5, without split DNS", target.model().dns().publicRecord(record.name()).map(r -> r.address())));
        }
        ArchitectureBaseline.TAILNET_RECORDS.stream().map(BaselineRecord::name)
                .filter(name -> ArchitectureBaseline.PUBLIC_RECORDS.stream().noneMatch(r -> r.name().equals(name)))
                .forEach(name -> tests.add(baselineAnswer(target, lookup, publicZone, name, Optional.empty(),
                        "section 2.5: no public answer", target.model().dns().publicRecord(name).map(r -> r.address()))));
        return tests.stream();
    }

    private static DynamicTest baselineAnswer(Target target, DnsLookup lookup, FixtureResolver resolver, String name,
                                              Optional<String> expected, String section, Optional<String> model) {
        String want = expected.map(a -> "A " + a).orElse("NXDOMAIN");
        return DynamicTest.dynamicTest(name + " on " + resolver.describe() + " → " + want + " (architecture baseline)", () -> {
            DnsAnswer answer = lookup.query(resolver, name);
            boolean matches = expected.map(a -> answer.singleAddress().filter(a::equals).isPresent())
                    .orElse(answer.nxdomain());
            if (!matches) {
                fail("Expecting %s on %s to answer %s, as %s says, but it answered %s; the model has %s [environment %s]",
                        name, resolver.describe(), want, ArchitectureBaseline.says(section), answer.describe(),
                        model.map(a -> "A " + a).orElse("no such record"), target.name());
            }
        });
    }

    @TestFactory
    @DisplayName("neither resolver answers a name the model does not declare")
    Stream<DynamicTest> undeclaredNamesAreDenied(Target target) {
        Fixtures fixtures = fixtures(target);
        return judged(target, SplitDnsExpectations.undeclared(target.model(),
                List.of(FixtureResolver.tailnet(fixtures), FixtureResolver.publicZone(fixtures))), false);
    }

    /**
     * Resolve each route's host as each kind of client would, then send the request to what was
     * resolved: from the VPN client to the tailnet answer, from the internet client to the fixture
     * address standing for the public answer.
     */
    @TestFactory
    @DisplayName("resolved names lead where the access rules say")
    Stream<DynamicTest> resolvedNamesLeadWhereAccessRulesSay(Target target) {
        Fixtures fixtures = fixtures(target);
        Stack model = target.model();
        DnsLookup lookup = lookup(target);
        FixtureResolver tailnetResolver = FixtureResolver.tailnet(fixtures);
        FixtureResolver publicResolver = FixtureResolver.publicZone(fixtures);
        PublicAddressMap publicAddresses = PublicAddressMap.of(model, fixtures);
        AccessExpectations expectations = new AccessExpectations(model);
        Ingress vpn = Ingresses.tailnet(fixtures);
        Ingress internet = Ingresses.internet(fixtures);

        List<DynamicTest> tests = new ArrayList<>();
        List<AccessCase> cases = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Route route : model.proxy().routes()) {
            Request request = Request.https(route.host(), AccessExpectations.requestPath(route));
            if (model.dns().tailnetRecord(route.host()).isPresent()) {
                DnsAnswer answer = lookup.query(tailnetResolver, route.host());
                String resolved = answer.singleAddress().orElse(null);
                String name = route.host() + request.path() + " resolved by " + tailnetResolver.describe() + " (" + answer.describe()
                        + ") from tailnet";
                if (resolved == null || !resolved.equals(fixtures.tailnet().proxy())) {
                    tests.add(DynamicTest.dynamicTest(name, () -> fail("Expecting " + route.host() + " on "
                            + tailnetResolver.describe() + " to answer the proxy's tailnet address " + fixtures.tailnet().proxy()
                            + " but it answered " + answer.describe() + " [environment " + target.name() + "]")));
                } else {
                    AccessCase c = expectations.plain(request, at(vpn, resolved));
                    cases.add(c);
                    names.add(name + " → " + c.predicted().shortForm());
                }
            }
            if (model.dns().publicRecord(route.host()).isPresent()) {
                DnsAnswer answer = lookup.query(publicResolver, route.host());
                Optional<String> production = answer.singleAddress();
                Optional<String> standIn = production.flatMap(publicAddresses::find);
                String name = route.host() + request.path() + " resolved by " + publicResolver.describe() + " (" + answer.describe()
                        + standIn.map(s -> ", which " + s + " stands for").orElse("") + ") from internet";
                if (standIn.isEmpty()) {
                    tests.add(DynamicTest.dynamicTest(name, () -> fail("Expecting " + route.host() + " on "
                            + publicResolver.describe() + " to answer an address the fixture stands for "
                            + publicAddresses.entries().keySet() + " but it answered " + answer.describe()
                            + " [environment " + target.name() + "]")));
                } else {
                    AccessCase c = expectations.plain(request, at(internet, standIn.get()));
                    cases.add(c);
                    names.add(name + " → " + c.predicted().shortForm());
                }
            }
        }
        List<Observation> seen = AccessProber.observe(target, cases);
        AccessComparison comparison = accessComparison(target);
        for (int i = 0; i < cases.size(); i++) {
            AccessCase c = cases.get(i);
            Observation observed = seen.get(i);
            tests.add(DynamicTest.dynamicTest(names.get(i), () -> {
                Finding finding = comparison.compare(c, observed);
                if (finding.failed()) {
                    fail(finding.message());
                }
            }));
        }
        String production = publicAddresses.entries().keySet().iterator().next();
        tests.add(DynamicTest.dynamicTest("the public answer " + production + " is never contacted: only "
                + PublicAddressMap.class.getSimpleName() + " leads from it to " + publicAddresses.standInFor(production), () -> {
            assertThat(publicAddresses.entries()).as("addresses standing for production ones")
                    .containsOnlyKeys(production).containsValue(fixtures.internet().proxy());
            assertThatThrownBy(() -> AccessProber.requireAllowed(target, at(internet, production)))
                    .as("a request straight to the production address").hasMessageContaining("refusing");
            assertThatThrownBy(() -> publicAddresses.standInFor(fixtures.internet().proxy()))
                    .as("a fixture address is not a production one").isInstanceOf(IllegalArgumentException.class);
        }));
        return tests.stream();
    }


    /** A restarted resolver takes a moment to listen again: ask until it answers, within a deadline. */
    static DnsAnswer answerOnceBack(DnsLookup lookup, FixtureResolver resolver, String name) {
        Instant end = Instant.now().plus(RESOLVER_BACK);
        DnsAnswer answer = lookup.query(resolver, name);
        while (!answer.answered() && Instant.now().isBefore(end)) {
            answer = lookup.query(resolver, name);
        }
        return answer;
    }

    private static Stream<DynamicTest> judged(Target target, List<DnsExpectation> expectations, boolean neverTailnet) {
        DnsLookup lookup = lookup(target);
        DnsComparison comparison = dnsComparison(target);
        long start = System.nanoTime();
        List<DnsAnswer> answers = expectations.stream().map(e -> lookup.query(e.resolver(), e.name())).toList();
        System.out.printf("[dns] %d queries in %d ms (environment %s)%n", answers.size(),
                (System.nanoTime() - start) / 1_000_000, target.name());
        return java.util.stream.IntStream.range(0, expectations.size()).mapToObj(i -> {
            DnsExpectation e = expectations.get(i);
            return DynamicTest.dynamicTest(e.name(neverTailnet), () -> {
                Finding finding = comparison.compare(e, answers.get(i));
                if (finding.failed()) {
                    fail(finding.message());
                }
            });
        });
    }

    /** The same client, aimed at what it resolved. */
    private static Ingress at(Ingress client, String address) {
        return new Ingress(client.name(), client.from(), client.clientAddress(), Ipv4.parse(address), client.clientAddress(),
                client.fromTailnet());
    }

    /**
     * Queries go from the test JVM, so only to the fixture networks this machine's engine holds: never to a target's
     * own stack subnets, which on a remote host are not the networks they are called here.
     */
    static DnsLookup lookup(Target target) {
        Fixtures fixtures = fixtures(target);
        return new DnsjavaLookup(new NetworkGuard(target.name(),
                List.of(fixtures.tailnet().subnet(), fixtures.internet().subnet())), DnsjavaLookup.TIMEOUT);
    }

    static DnsComparison dnsComparison(Target target) {
        return new DnsComparison(target.name(), target.model().tailnet().prefix());
    }

    private static AccessComparison accessComparison(Target target) {
        Set<String> standIns = target.model().services().stream().map(Service::name)
                .filter(s -> target.fidelity(s) == Fidelity.STAND_IN).collect(Collectors.toSet());
        return new AccessComparison(target.name(), standIns);
    }

    static Fixtures fixtures(Target target) {
        Assumptions.assumeTrue(target.fixtures().isPresent(),
                "environment '" + target.name() + "' has no fixture resolvers to ask");
        return target.fixtures().get();
    }
}
