package io.vpai.harness.dns;

import io.vpai.harness.target.NetworkGuard;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * dnsjava from the test JVM, straight at a fixture resolver: the host owns an address on every bridge
 * it created, so it reaches the resolvers' container addresses without a container in between. One
 * query, no search list, no retry beyond dnsjava's own within {@code timeout}. Every resolver is checked by the
 * {@link NetworkGuard} first: it must sit inside a network the harness created.
 */
public final class DnsjavaLookup implements DnsLookup {
    public static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static final int DNS_PORT = 53;

    private final NetworkGuard guard;
    private final Duration timeout;
    private final int port;

    /** @param guard the target's guard: a resolver must be inside one of its networks (the safety rule) */
    public DnsjavaLookup(NetworkGuard guard, Duration timeout) {
        this(guard, timeout, DNS_PORT);
    }

    /** For a unit test's server on loopback, which cannot bind 53. */
    DnsjavaLookup(NetworkGuard guard, Duration timeout, int port) {
        this.guard = guard;
        this.timeout = timeout;
        this.port = port;
    }

    @Override
    public DnsAnswer query(FixtureResolver resolver, String name) {
        requireAllowed(resolver);
        try {
            SimpleResolver simple = new SimpleResolver(InetAddress.getByAddress(resolver.address().octets()));
            simple.setPort(port);
            simple.setTimeout(timeout);
            Message query = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), Type.A, DClass.IN));
            Message response = simple.send(query);
            List<String> addresses = new ArrayList<>();
            for (Record record : response.getSection(Section.ANSWER)) {
                if (record instanceof ARecord a) {
                    addresses.add(a.getAddress().getHostAddress());
                }
            }
            return DnsAnswer.answered(resolver, name, response.getRcode(), addresses);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + name + "' is not a DNS name: " + e.getMessage(), e);
        } catch (IOException e) {
            return DnsAnswer.unanswered(resolver, name, e.getClass().getSimpleName() + " after " + timeout.toMillis()
                    + " ms: " + e.getMessage());
        }
    }

    /** The address goes to {@code InetAddress.getByAddress} as octets: no name lookup can happen on the way. */
    void requireAllowed(FixtureResolver resolver) {
        guard.requireInside(resolver.address(), "query the " + resolver.role() + " resolver",
                "dnsjava from the test JVM");
    }
}
