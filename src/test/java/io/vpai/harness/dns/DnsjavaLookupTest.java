package io.vpai.harness.dns;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Ipv4;
import io.vpai.harness.target.NetworkGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * dnsjava against a one-record server on loopback: answers, NXDOMAIN and silence read as the spec
 * reads them from the fixture resolvers — and a resolver outside the allowed networks is never asked.
 */
@Tag("gate")
@DisplayName("dnsjava lookup")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.DNS_LOOKUPS)
class DnsjavaLookupTest {
    private DatagramSocket server;
    private Thread serving;

    @BeforeEach
    void startServer() throws SocketException {
        server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        serving = new Thread(this::serve, "fake-dns");
        serving.setDaemon(true);
        serving.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** Answers llm.ewutelo.cloud with one A record, anything else NXDOMAIN, and never answers silent.ewutelo.cloud. */
    private void serve() {
        byte[] buffer = new byte[512];
        while (!server.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                server.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Name name = query.getQuestion().getName();
                if (name.toString().equals("silent.ewutelo.cloud.")) {
                    continue;
                }
                Message reply = new Message(query.getHeader().getID());
                reply.getHeader().setFlag(Flags.QR);
                reply.addRecord(query.getQuestion(), Section.QUESTION);
                if (name.toString().equals("llm.ewutelo.cloud.")) {
                    reply.addRecord(new ARecord(name, DClass.IN, 60, InetAddress.getByName("100.64.0.14")), Section.ANSWER);
                } else {
                    reply.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                byte[] out = reply.toWire();
                server.send(new DatagramPacket(out, out.length, packet.getSocketAddress()));
            } catch (Exception closed) {
                return;
            }
        }
    }

    private FixtureResolver local() {
        return new FixtureResolver("test", Ipv4.parse("127.0.0.1"), "a test resolver");
    }

    /** Aimed at the fake server's port (the fixture resolvers listen on 53). */
    private DnsjavaLookup lookup() {
        // The fake resolver stands where a fixture resolver would: loopback counts as a harness network here.
        return new DnsjavaLookup(new NetworkGuard("test", List.of(Cidr.parse("127.0.0.0/8"))), Duration.ofMillis(500),
                server.getLocalPort());
    }

    @Test
    void readsAddressesNxdomainAndSilence() {
        DnsAnswer llm = lookup().query(local(), "llm.ewutelo.cloud");
        assertThat(llm.singleAddress()).contains("100.64.0.14");
        assertThat(llm.describe()).isEqualTo("A 100.64.0.14");
        DnsAnswer absent = lookup().query(local(), "mc.ewutelo.cloud");
        assertThat(absent.nxdomain()).isTrue();
        assertThat(absent.describe()).isEqualTo("NXDOMAIN");
        DnsAnswer silent = lookup().query(local(), "silent.ewutelo.cloud");
        assertThat(silent.answered()).isFalse();
        assertThat(silent.describe()).startsWith("no answer (");
    }

    @Test
    void refusesAResolverOutsideTheAllowedNetworks() {
        DnsjavaLookup lookup = new DnsjavaLookup(new NetworkGuard("offline", List.of(Cidr.parse("100.64.0.0/10"))),
                Duration.ofSeconds(2));
        assertThatThrownBy(() -> lookup.query(new FixtureResolver("public", Ipv4.parse("1.1.1.1"), "a public resolver"), "llm.ewutelo.cloud"))
                .hasMessageContaining("refusing to query the public resolver 1.1.1.1 (dnsjava from the test JVM)")
                .hasMessageContaining("environment 'offline'");
        assertThatThrownBy(() -> lookup.query(new FixtureResolver("uplink", Ipv4.parse("192.0.2.1"), "the uplink"), "llm.ewutelo.cloud"))
                .hasMessageContaining("refusing to query the uplink resolver 192.0.2.1");
    }
}
