package io.vpai.harness.access;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.config.SSLConfig;
import io.restassured.response.Response;
import io.vpai.harness.model.Ipv4;
import io.vpai.harness.probe.ProbeError;
import io.vpai.harness.target.NetworkGuard;
import org.apache.http.conn.DnsResolver;
import org.apache.http.conn.ssl.DefaultHostnameVerifier;
import org.apache.http.conn.ssl.X509HostnameVerifier;
import org.apache.http.impl.client.DefaultHttpClient;
import org.apache.http.impl.client.DefaultHttpRequestRetryHandler;
import org.apache.http.impl.conn.PoolingClientConnectionManager;
import org.apache.http.impl.conn.SchemeRegistryFactory;
import org.apache.http.params.CoreConnectionPNames;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;

/**
 * One HTTPS request from the test JVM to a published port on loopback, as {@code curl --resolve} sends it: the URL
 * names the site, and a resolver that knows only that name maps it to the loopback address, so SNI and Host say
 * the site while the connection goes to loopback. The certificate is checked against one trust anchor, the root
 * of the CA the proxy signs with in the environment ({@link ProxyCertificateAuthority}), and against the site name.
 *
 * <p>Nothing answering (refused, reset, timed out, a TLS alert from the server) is an observation: no answer. A
 * certificate the check rejects is not — it is the harness's trust that failed, so it is a {@link ProbeError}.
 */
public final class LoopbackHttps {
    private static final String PROBER = "HTTPS from the test JVM";
    private static final int BODY_START = 60;
    private final KeyStore trustStore;
    private final NetworkGuard guard;

    private LoopbackHttps(KeyStore trustStore, NetworkGuard guard) {
        this.trustStore = trustStore;
        this.guard = guard;
    }

    /** A client that trusts {@code root} and nothing else, aiming only where {@code guard} admits (loopback). */
    public static LoopbackHttps trusting(X509Certificate root, NetworkGuard guard) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("proxy-root", root);
            return new LoopbackHttps(store, guard);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot hold the proxy's root certificate in a trust store: " + e, e);
        }
    }

    public Observation send(Request request, Ipv4 address, Duration timeout) {
        guard.requireLoopback(address, "send " + request.target(address) + " to", PROBER);
        if (!request.scheme().equals("https") || request.host().isEmpty() || !request.options().isEmpty()) {
            throw new IllegalArgumentException("the test JVM sends plain HTTPS requests with a host only, not "
                    + request.variant().orElse(request.scheme() + " without a host"));
        }
        String site = request.host().get();
        String url = "https://" + site + ":" + request.port() + request.path();
        DefaultHttpClient client = client(onlyResolving(site, address));
        try {
            Response response = RestAssured.given()
                    .config(config(client, timeout))
                    .urlEncodingEnabled(false)
                    .header("User-Agent", "vpai-harness")
                    .when().get(url);
            return observation(response);
        } catch (Exception e) {
            if (certificateRejected(e)) {
                throw new ProbeError("the certificate of " + url + " at " + address + ":" + request.port()
                        + " was rejected by the test JVM, which trusts only the proxy's CA root '"
                        + subject() + "': " + e.getMessage());
            }
            if (nothingAnswered(e)) {
                return Observation.noAnswer();
            }
            // Anything else is the prober failing, not the network staying silent: never read it as "blocked".
            throw new ProbeError("the request " + url + " at " + address + ":" + request.port()
                    + " could not be made from the test JVM: " + e);
        } finally {
            client.getConnectionManager().shutdown();
        }
    }

    /** Refused, reset, timed out or closed without a response: what "no answer" means on the wire. */
    static boolean nothingAnswered(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.net.SocketException || t instanceof java.io.EOFException
                    || t instanceof org.apache.http.NoHttpResponseException
                    || t instanceof org.apache.http.conn.ConnectTimeoutException
                    || t instanceof javax.net.ssl.SSLHandshakeException && String.valueOf(t.getMessage())
                    .contains("Remote host terminated")) {
                return true;
            }
        }
        return false;
    }

    /** The connection manager's resolver is the only name lookup: the site name, to the loopback address. */
    private static DnsResolver onlyResolving(String site, Ipv4 address) {
        return host -> {
            if (!host.equalsIgnoreCase(site)) {
                throw new UnknownHostException(host + ": the test JVM resolves only " + site + " (to " + address + ")");
            }
            return new InetAddress[]{InetAddress.getByAddress(site, address.octets())};
        };
    }

    private RestAssuredConfig config(DefaultHttpClient client, Duration timeout) {
        int millis = Math.toIntExact(timeout.toMillis());
        return RestAssuredConfig.config()
                .httpClient(HttpClientConfig.httpClientConfig()
                        .httpClientFactory(() -> client)
                        .setParam(CoreConnectionPNames.CONNECTION_TIMEOUT, millis)
                        .setParam(CoreConnectionPNames.SO_TIMEOUT, millis))
                .sslConfig(SSLConfig.sslConfig().trustStore(trustStore).x509HostnameVerifier(new SiteNameVerifier()))
                // curl does not follow redirects either: a redirect is the answer.
                .redirect(RedirectConfig.redirectConfig().followRedirects(false));
    }

    /** One request, one attempt: curl does not retry either, and a retry would hide a dropped answer. */
    private static DefaultHttpClient client(DnsResolver resolver) {
        DefaultHttpClient client = new DefaultHttpClient(
                new PoolingClientConnectionManager(SchemeRegistryFactory.createDefault(), resolver));
        client.setHttpRequestRetryHandler(new DefaultHttpRequestRetryHandler(0, false));
        return client;
    }

    /** Status, the stand-in header, and the first printable characters of the body: enough to classify. */
    private static Observation observation(Response response) {
        String body = response.asString();
        String start = body.length() > BODY_START ? body.substring(0, BODY_START) : body;
        return new Observation(response.statusCode(), Optional.ofNullable(response.header(Observation.STAND_IN_HEADER)),
                Optional.ofNullable(response.header(Observation.SEEN_FROM_HEADER)), start.replaceAll("[^\\x20-\\x7e]", " "));
    }

    /** The client's own check failed (unknown issuer, expired, wrong name), as opposed to the server's refusal. */
    static boolean certificateRejected(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificateException || t instanceof CertPathValidatorException
                    || t instanceof SSLPeerUnverifiedException) {
                return true;
            }
        }
        return false;
    }

    private String subject() {
        try {
            return ((X509Certificate) trustStore.getCertificate("proxy-root")).getSubjectX500Principal().getName();
        } catch (GeneralSecurityException e) {
            return "?";
        }
    }

    /**
     * The site name must be in the certificate (HttpClient's default verifier, subject alternative names); a
     * mismatch is reported as {@link SSLPeerUnverifiedException} so it reads as a certificate failure, not silence.
     */
    private static final class SiteNameVerifier implements X509HostnameVerifier {
        private final DefaultHostnameVerifier names = new DefaultHostnameVerifier();

        @Override
        public void verify(String host, SSLSocket socket) throws IOException {
            SSLSession session = socket.getSession();
            if (session == null || session.getPeerCertificates().length == 0) {
                throw new SSLPeerUnverifiedException("no certificate from " + host);
            }
            verify(host, (X509Certificate) session.getPeerCertificates()[0]);
        }

        @Override
        public void verify(String host, X509Certificate certificate) throws SSLException {
            try {
                names.verify(host, certificate);
            } catch (SSLException e) {
                throw new SSLPeerUnverifiedException(e.getMessage());
            }
        }

        @Override
        public void verify(String host, String[] commonNames, String[] subjectAlternatives) throws SSLException {
            throw new SSLPeerUnverifiedException("only whole certificates are checked, not names of " + host);
        }

        @Override
        public boolean verify(String host, SSLSession session) {
            return names.verify(host, session);
        }
    }
}
