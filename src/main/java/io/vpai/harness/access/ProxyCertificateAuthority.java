package io.vpai.harness.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.probe.ProbeError;
import io.vpai.harness.target.Target;
import java.time.Duration;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * A target capability ({@code target.capability(ProxyCertificateAuthority.class)}): the root certificate of the
 * CA the proxy signs its sites with in this environment. With {@code local_certs} that is Caddy's local CA, whose
 * root Caddy keeps at {@code /data/caddy/pki/authorities/local/root.crt} in its container (the admin API also
 * serves it at {@code /pki/ca/local}). The test JVM trusts exactly this root when it talks HTTPS to the proxy.
 */
public interface ProxyCertificateAuthority {
    X509Certificate proxyRootCertificate();

    /**
     * The local CA of the running proxy, read from its admin API inside its own network namespace ({@code GET
     * /pki/ca/local}): where the environment signs with {@code local_certs}, the root its sites chain to. Read on
     * each call: a proxy restarted with a new CA is then trusted as it is.
     */
    static ProxyCertificateAuthority fromAdminApi(Target target) {
        String proxy = target.model().proxy().service();
        ShellResult result = target.probeFrom(proxy, "curl -sf --max-time 5 " + LiveProxyConfig.ADMIN + "/pki/ca/local",
                Duration.ofSeconds(30));
        String pem;
        try {
            pem = result.ok() ? new ObjectMapper().readTree(result.stdout()).path("root_certificate").asText("") : "";
        } catch (JsonProcessingException e) {
            pem = "";
        }
        if (pem.isBlank()) {
            throw new ProbeError("reading the root certificate of " + proxy + "'s local CA on " + target.name() + " from "
                    + LiveProxyConfig.ADMIN + "/pki/ca/local failed (exit " + result.exitCode() + "): " + result.tail(3));
        }
        X509Certificate root = fromPem(pem);
        return () -> root;
    }

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
