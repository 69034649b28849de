package io.vpai.harness.specs;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.check.Finding;
import io.vpai.harness.check.Status;
import io.vpai.harness.dns.DnsAnswer;
import io.vpai.harness.dns.DnsComparison;
import io.vpai.harness.dns.DnsExpectation;
import io.vpai.harness.dns.DnsLookup;
import io.vpai.harness.dns.FixtureResolver;
import io.vpai.harness.dns.SplitDnsExpectations;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.DnsRecord;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Tailnet;
import io.vpai.harness.environment.Fixture;
import io.vpai.harness.support.Capabilities;
import io.vpai.harness.target.DestructiveAccess;
import io.vpai.harness.target.Target;
import io.vpai.harness.support.RequiresDocker;
import io.vpai.harness.stack.MeshFixtures;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The split-DNS spec can fail: a changed {@code extra_record} in the config.yaml Headscale runs changes what the
 * real MagicDNS answers the VPN client, and the comparison names the record (a fault: runs last).
 */
@Tag("stack")
@Tag("destructive")
@RequiresDocker
@DisplayName("Split DNS: a changed extra_record is caught")
@Epic(Behaviors.CONFORMANCE)
@Feature(Behaviors.SPLIT_DNS)
@Story("A changed extra_record is caught")
class SplitDnsFaultSpec {
    private static final Duration RESTART = Duration.ofMinutes(2);
    /** Headscale pushes the new DNS configuration once the nodes are back on the control connection. */
    private static final Duration NEW_ANSWER = Duration.ofSeconds(60);

    /**
     * The acceptance check "add or change a DNS record": Headscale serving a changed record must be reported as a
     * mismatch naming the record, the resolver and both answers. The shipped configuration is put back and Headscale
     * restarted whatever happens; then MagicDNS answers as the model says again. Each restart returns once Headscale
     * answers: what the test waits for is MagicDNS's answer, not Docker's next health tick.
     */
    @Test
    @DisplayName("a changed extra_record in Headscale's config.yaml is reported, naming record, resolver and both answers")
    void aChangedTailnetRecordIsCaught(Target stack) {
        DestructiveAccess access = Capabilities.destructive(stack, "rewrite Headscale's config.yaml and restart it");
        Stack model = stack.model();
        Fixtures fixtures = SplitDnsSpec.fixtures(stack);
        FixtureResolver resolver = FixtureResolver.tailnet(fixtures);
        DnsRecord record = model.dns().vpnOnly().get(0);
        String wrong = model.tailnet().nodes().stream().map(Tailnet.Node::address)
                .filter(a -> !a.equals(record.address())).findFirst().orElseThrow();
        DnsExpectation expected = SplitDnsExpectations.tailnet(model, resolver).stream()
                .filter(e -> e.name().equals(record.name())).findFirst().orElseThrow();
        DnsComparison comparison = SplitDnsSpec.dnsComparison(stack);
        DnsLookup lookup = SplitDnsSpec.lookup(stack);

        String headscale = Fixture.HEADSCALE.service();
        String entry = "- name: " + record.name() + "\n      type: A\n      value: \"";
        String original = access.readMountedFile(headscale, MeshFixtures.CONFIG);
        assertThat(original).as("Headscale's %s", MeshFixtures.CONFIG).containsOnlyOnce(entry + record.address() + "\"");
        DnsAnswer whileChanged;
        try {
            access.replaceMountedFile(headscale, MeshFixtures.CONFIG,
                    original.replace(entry + record.address() + "\"", entry + wrong + "\""));
            long start = System.nanoTime();
            access.mesh().restartHeadscale();
            whileChanged = answerOnce(lookup, resolver, record.name(), a -> a.singleAddress().filter(wrong::equals).isPresent());
            System.out.printf("[dns] %s restarted; MagicDNS answered the changed record after %d ms%n", headscale,
                    (System.nanoTime() - start) / 1_000_000);
        } finally {
            access.replaceMountedFile(headscale, MeshFixtures.CONFIG, original);
            access.mesh().restartHeadscale();
        }
        Finding changed = comparison.compare(expected, whileChanged);
        assertThat(changed.status()).as("%s", changed).isEqualTo(Status.FAIL);
        assertThat(changed.message()).contains(record.name(), "A " + record.address(), "A " + wrong);

        DnsAnswer back = answerOnce(lookup, resolver, record.name(),
                a -> a.singleAddress().filter(record.address()::equals).isPresent());
        Finding restored = comparison.compare(expected, back);
        assertThat(restored.status()).as("after restoring the configuration: %s", restored).isEqualTo(Status.PASS);
        // MagicDNS answering says Headscale serves; the specs after this one read Docker's status too.
        access.awaitReady(RESTART);
    }

    /** The first answer that {@code settled} accepts, or the last one seen when none did in time. */
    private static DnsAnswer answerOnce(DnsLookup lookup, FixtureResolver resolver, String name,
                                        java.util.function.Predicate<DnsAnswer> settled) {
        Instant end = Instant.now().plus(NEW_ANSWER);
        DnsAnswer answer = lookup.query(resolver, name);
        while (!settled.test(answer) && Instant.now().isBefore(end)) {
            sleep();
            answer = lookup.query(resolver, name);
        }
        return answer;
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
