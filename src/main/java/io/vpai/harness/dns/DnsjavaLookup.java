package io.vpai.harness.dns;

import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Ipv4;
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
 * query, no search list, no retry beyond dnsjava's own within {@code timeout}.
 */
public final class DnsjavaLookup implements DnsLookup {
    public static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static final int DNS_PORT = 53;

    private final List<Cidr> allowed;
    private final Duration timeout;
    private final int port;

    /** @param allowed the networks a resolver may be in: those the harness created (the safety rule) */
    public DnsjavaLookup(List<Cidr> allowed, Duration timeout) {
        this(allowed, timeout, DNS_PORT);
    }

    /** For a unit test's server on loopback, which cannot bind 53. */
    DnsjavaLookup(List<Cidr> allowed, Duration timeout, int port) {
        this.allowed = List.copyOf(allowed);
        this.timeout = timeout;
        this.port = port;
    }

    @Override
    public DnsAnswer query(FixtureResolver resolver, String name) {
        requireAllowed(resolver);
        try {
            SimpleResolver simple = new SimpleResolver(InetAddress.getByAddress(bytes(resolver.address())));
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

    void requireAllowed(FixtureResolver resolver) {
        String address = resolver.address();
        if (!Ipv4.isValid(address) || allowed.stream().noneMatch(c -> c.contains(address))) {
            throw new IllegalArgumentException("refusing to query " + resolver.describe()
                    + ": not inside a network the harness created " + allowed);
        }
    }

    /** A literal address as bytes: no name lookup can happen on the way. */
    private static byte[] bytes(String address) {
        int value = Ipv4.parse(address);
        return new byte[]{(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }
}
