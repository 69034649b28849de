package io.vpai.harness.access;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * A target capability ({@code target.capability(ProxyCertificateAuthority.class)}): the root certificate of the
 * CA the proxy signs its sites with in this environment. With {@code tls internal} that is Caddy's local CA, whose
 * root Caddy keeps at {@code /data/caddy/pki/authorities/local/root.crt} in its container (the admin API also
 * serves it at {@code /pki/ca/local}). The test JVM trusts exactly this root when it talks HTTPS to the proxy.
 */
public interface ProxyCertificateAuthority {
    X509Certificate proxyRootCertificate();

    /** One certificate from its PEM text ({@code -----BEGIN CERTIFICATE-----} …), as Caddy stores and serves it. */
    static X509Certificate fromPem(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | ClassCastException e) {
            String start = pem.strip().lines().findFirst().orElse("");
            throw new IllegalArgumentException("not a PEM X.509 certificate (starts with '" + start + "'): "
                    + e.getMessage(), e);
        }
    }
}
