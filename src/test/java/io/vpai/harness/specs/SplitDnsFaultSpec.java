package io.vpai.harness.specs;

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
import io.vpai.harness.stack.Fixture;
import io.vpai.harness.stack.RunningStack;
import io.vpai.harness.support.RequiresDocker;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The split-DNS spec can fail: a changed record on the tailnet resolver is reported (a fault: runs last). */
@Tag("stack")
@Tag("destructive")
@RequiresDocker
@DisplayName("Split DNS: a changed record is caught")
class SplitDnsFaultSpec {
    /**
     * The acceptance check "add or change a DNS record": a tailnet resolver serving a changed record
     * must be reported as a mismatch naming the record, the resolver and both answers. The generated
     * configuration is put back and the resolver restarted whatever happens.
     */
    @Test
    @DisplayName("a changed record on the tailnet resolver is reported, naming record, resolver and both answers")
    void aChangedTailnetRecordIsCaught(RunningStack stack) throws IOException {
        stack.requireDestructive("rewrite the tailnet resolver's records and restart it");
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

        Path config = VpnOnlyAccessSpec.mountedSource(stack, Fixture.TAILNET_RESOLVER.service(), "/etc/unbound/unbound.conf");
        String original = Files.readString(config);
        String line = "local-data: \"" + record.name() + ". 60 IN A " + record.address() + "\"";
        assertThat(original).as("the tailnet resolver's configuration %s", config).containsOnlyOnce(line);

        DnsAnswer whileChanged;
        try {
            // In place: the bind mount follows the inode.
            Files.writeString(config, original.replace(line, "local-data: \"" + record.name() + ". 60 IN A " + wrong + "\""));
            long start = System.nanoTime();
            stack.restart(Fixture.TAILNET_RESOLVER.service(), SplitDnsSpec.RESOLVER_RESTART);
            whileChanged = SplitDnsSpec.answerOnceBack(lookup, resolver, record.name());
            System.out.printf("[dns] %s restarted and answering in %d ms%n", Fixture.TAILNET_RESOLVER.service(),
                    (System.nanoTime() - start) / 1_000_000);
        } finally {
            Files.writeString(config, original);
            stack.restart(Fixture.TAILNET_RESOLVER.service(), SplitDnsSpec.RESOLVER_RESTART);
        }
        Finding changed = comparison.compare(expected, whileChanged);
        assertThat(changed.status()).as("%s", changed).isEqualTo(Status.FAIL);
        assertThat(changed.message()).contains(record.name(), resolver.address().toString(), "A " + record.address(), "A " + wrong);

        Finding restored = comparison.compare(expected, SplitDnsSpec.answerOnceBack(lookup, resolver, record.name()));
        assertThat(restored.status()).as("after restoring the configuration: %s", restored).isEqualTo(Status.PASS);
    }
}
