package io.vpai.harness.access;

import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Ipv4;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One HTTPS request from the test JVM to a published port on loopback, with the SNI and Host of the
 * request — what {@code curl --resolve} does, which neither the JDK client nor rest-assured can when
 * the address is an IP literal. The certificate is not checked: in a test environment the proxy signs
 * with its own CA, and what is tested is the access rule, not TLS.
 */
public final class LoopbackHttps {
    private static final Cidr LOOPBACK = Cidr.parse("127.0.0.0/8");
    private static final int MAX_HEAD = 16 * 1024;

    private LoopbackHttps() {
    }

    public static Observation send(Request request, String address, Duration timeout) {
        if (!Ipv4.isValid(address) || !LOOPBACK.contains(address)) {
            throw new IllegalArgumentException("refusing to send " + request.path() + " to " + address
                    + " from the test JVM: only loopback");
        }
        if (!request.scheme().equals("https") || request.host().isEmpty() || !request.options().isEmpty()) {
            throw new IllegalArgumentException("the test JVM sends plain HTTPS requests with a host only, not "
                    + request.variant().orElse(request.scheme() + " without a host"));
        }
        String host = request.host().get();
        try (SSLSocket socket = (SSLSocket) trustingContext().getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(address, request.port()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(host)));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            socket.getOutputStream().write(("GET " + request.path() + " HTTP/1.1\r\nHost: " + host
                    + "\r\nUser-Agent: vpai-harness\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        } catch (IOException | GeneralSecurityException e) {
            return Observation.noAnswer();
        }
    }

    /** Status line, headers, and the first bytes of the body: enough to classify the answer. */
    static Observation read(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        while (bytes.size() < MAX_HEAD && (n = in.read(buffer)) > 0) {
            bytes.write(buffer, 0, n);
            if (bytes.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n") && bytes.size() > 512) {
                break;
            }
        }
        return parse(bytes.toString(StandardCharsets.ISO_8859_1));
    }

    static Observation parse(String response) {
        int end = response.indexOf("\r\n\r\n");
        String head = end < 0 ? response : response.substring(0, end);
        String body = end < 0 ? "" : response.substring(end + 4);
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ");
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            return Observation.noAnswer();
        }
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            return Observation.noAnswer();
        }
        Optional<String> standIn = Optional.empty();
        boolean chunked = false;
        String prefix = Observation.STAND_IN_HEADER.toLowerCase(Locale.ROOT) + ":";
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith(prefix)) {
                standIn = Optional.of(line.substring(prefix.length()).trim());
            }
            chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
        }
        if (chunked) {
            int lineEnd = body.indexOf("\r\n");
            body = lineEnd < 0 ? body : body.substring(lineEnd + 2);
        }
        String start = body.length() > 60 ? body.substring(0, 60) : body;
        return new Observation(status, standIn, start.replaceAll("[^\\x20-\\x7e]", " "));
    }

    private static SSLContext trustingContext() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[]{new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // not a server
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // the proxy's own test CA; the access rule is what is tested (loopback only)
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }
}
