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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The split-DNS spec can fail: a changed record on the tailnet resolver is reported (a fault: runs last). */
@Tag("stack")
@Tag("destructive")
@RequiresDocker
@DisplayName("Split DNS: a changed record is caught")
@Epic(Behaviors.CONFORMANCE)
@Feature(Behaviors.SPLIT_DNS)
@Story("A changed record is caught")
class SplitDnsFaultSpec {
    /**
     * The acceptance check "add or change a DNS record": a tailnet resolver serving a changed record
     * must be reported as a mismatch naming the record, the resolver and both answers. The generated
     * configuration is put back and the resolver restarted whatever happens.
     */
    @Test
    @DisplayName("a changed record on the tailnet resolver is reported, naming record, resolver and both answers")
    void aChangedTailnetRecordIsCaught(Target stack) {
        DestructiveAccess access = Capabilities.destructive(stack, "rewrite the tailnet resolver's records and restart it");
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

        String resolverService = Fixture.TAILNET_RESOLVER.service();
        String config = "/etc/unbound/unbound.conf";
        String line = "local-data: \"" + record.name() + ". 60 IN A " + record.address() + "\"";
        String changedLine = "local-data: \"" + record.name() + ". 60 IN A " + wrong + "\"";

        DnsAnswer whileChanged;
        String original = access.readMountedFile(resolverService, config);
        assertThat(original).as("the tailnet resolver's configuration %s", config).containsOnlyOnce(line);
        try {
            access.replaceMountedFile(resolverService, config, original.replace(line, changedLine));
            long start = System.nanoTime();
            access.restart(resolverService, SplitDnsSpec.RESOLVER_RESTART);
            whileChanged = SplitDnsSpec.answerOnceBack(lookup, resolver, record.name());
            System.out.printf("[dns] %s restarted and answering in %d ms%n", Fixture.TAILNET_RESOLVER.service(),
                    (System.nanoTime() - start) / 1_000_000);
        } finally {
            access.replaceMountedFile(resolverService, config, original);
            access.restart(resolverService, SplitDnsSpec.RESOLVER_RESTART);
        }
        Finding changed = comparison.compare(expected, whileChanged);
        assertThat(changed.status()).as("%s", changed).isEqualTo(Status.FAIL);
        assertThat(changed.message()).contains(record.name(), resolver.address().toString(), "A " + record.address(), "A " + wrong);

        Finding restored = comparison.compare(expected, SplitDnsSpec.answerOnceBack(lookup, resolver, record.name()));
        assertThat(restored.status()).as("after restoring the configuration: %s", restored).isEqualTo(Status.PASS);
    }
}
