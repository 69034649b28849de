package io.vpai.harness.access;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import io.vpai.harness.model.Ipv4;
import io.vpai.harness.probe.ProbeError;
import io.vpai.harness.ssh.LoopbackPorts;
import io.vpai.harness.target.NetworkGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The test JVM's HTTPS client against an HTTPS server started here on 127.0.0.1, with certificates made for the
 * run: the site's name travels as SNI and Host while the connection goes to loopback, and only a certificate
 * the proxy's CA root signed for that name is accepted — a rejected one is an error, never "no answer".
 */
@Tag("gate")
@DisplayName("HTTPS from the test JVM")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.ACCESS_PROBES)
class LoopbackHttpsTest {
    private static final String SITE = "llm.ewutelo.cloud";
    private static final Ipv4 LOOPBACK = Ipv4.parse("127.0.0.1");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final TestCertificates proxyCa = TestCertificates.authority("VPAI test proxy CA");
    private final NetworkGuard guard = NetworkGuard.loopbackOnly("unit");
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private HttpsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aCertificateTheRootSignedForTheSiteIsTrustedAndTheAnswerRead() throws Exception {
        int port = serve(proxyCa.leaf(SITE));
        Observation answer = client().send(request("/", port), LOOPBACK, TIMEOUT);
        assertThat(answer).isEqualTo(new Observation(200, Optional.of("litellm"), "stand-in litellm GET /"));
        assertThat(seen).containsExactly("SNI " + SITE + ", Host " + SITE + ":" + port + ", GET /");
    }

    @Test
    void aForbiddenAnswerWithAChunkedBodyIsReadLikeCurlReadsIt() throws Exception {
        int port = serve(proxyCa.leaf(SITE));
        Observation answer = client().send(request("/forbidden", port), LOOPBACK, TIMEOUT);
        assertThat(answer.outcome()).isEqualTo(Outcome.FORBIDDEN);
        assertThat(answer.bodyStart()).isEqualTo("no");
    }

    @Test
    void aCertificateFromAnotherCaIsAnErrorNotNoAnswer() throws Exception {
        int port = serve(TestCertificates.authority("someone else").leaf(SITE));
        assertThatThrownBy(() -> client().send(request("/", port), LOOPBACK, TIMEOUT))
                .isInstanceOf(ProbeError.class)
                .hasMessageContaining("the certificate of https://" + SITE + ":" + port + "/ at 127.0.0.1:" + port)
                .hasMessageContaining("CN=VPAI test proxy CA");
        assertThat(seen).isEmpty();
    }

    @Test
    void aCertificateOfTheRightCaForAnotherNameIsAnErrorToo() throws Exception {
        int port = serve(proxyCa.leaf("tala.ewutelo.cloud"));
        assertThatThrownBy(() -> client().send(request("/", port), LOOPBACK, TIMEOUT))
                .isInstanceOf(ProbeError.class).hasMessageContaining("was rejected");
        assertThat(seen).isEmpty();
    }

    @Test
    void nothingListeningIsNoAnswer() throws Exception {
        assertThat(client().send(request("/", LoopbackPorts.closed()), LOOPBACK, TIMEOUT))
                .isEqualTo(Observation.noAnswer());
    }

    @Test
    void anAddressOffLoopbackIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> client().send(Request.https(SITE, "/"), Ipv4.parse("137.74.114.167"), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("refusing to send llm.ewutelo.cloud/ to 137.74.114.167 (HTTPS from the test JVM): the test JVM "
                        + "only talks to loopback (environment 'unit')");
    }

    @Test
    void theRootComesAsPem() throws Exception {
        String pem = "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(proxyCa.root().getEncoded()) + "\n-----END CERTIFICATE-----\n";
        assertThat(ProxyCertificateAuthority.fromPem(pem)).isEqualTo(proxyCa.root());
        assertThatThrownBy(() -> ProxyCertificateAuthority.fromPem("{\"error\": \"no such CA\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a PEM X.509 certificate");
    }

    private LoopbackHttps client() {
        return LoopbackHttps.trusting(proxyCa.root(), guard);
    }

    private static Request request(String path, int port) {
        return Request.https(SITE, path).withScheme("https", port);
    }

    /** An HTTPS server on 127.0.0.1 presenting {@code leaf}; it records the SNI and Host of each request. */
    private int serve(TestCertificates.Issued leaf) throws Exception {
        char[] password = "test".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("leaf", leaf.keys().getPrivate(), password, new Certificate[]{leaf.certificate()});
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            ExtendedSSLSession session = (ExtendedSSLSession) ((HttpsExchange) exchange).getSSLSession();
            String sni = session.getRequestedServerNames().stream().filter(n -> n instanceof SNIHostName)
                    .map(n -> ((SNIHostName) n).getAsciiName()).findFirst().orElse("(none)");
            seen.add("SNI " + sni + ", Host " + exchange.getRequestHeaders().getFirst("Host") + ", "
                    + exchange.getRequestMethod() + " " + exchange.getRequestURI());
            boolean forbidden = exchange.getRequestURI().getPath().equals("/forbidden");
            byte[] body = (forbidden ? "no" : "stand-in litellm GET /").getBytes(StandardCharsets.US_ASCII);
            if (!forbidden) {
                exchange.getResponseHeaders().add(Observation.STAND_IN_HEADER, "litellm");
            }
            exchange.sendResponseHeaders(forbidden ? 403 : 200, forbidden ? 0 : body.length); // 0: chunked
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server.getAddress().getPort();
    }
}
