package io.vpai.harness.ssh;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.environment.HostKeyPolicy;
import net.schmizz.sshj.common.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Host key pinning without a network: two fixed public keys (made with ssh-keygen; their fingerprints are what
 * {@code ssh-keygen -lf} printed), and known_hosts files in OpenSSH's formats.
 */
@Tag("gate")
@DisplayName("Host keys pinned by fingerprint or known_hosts, without a network")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.SSH)
class PinnedHostKeysTest {
    static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK9E5i7+XFJZ4qe0TjQZeViC7IT2x1KLYog9d4OjCZFM";
    static final String ED25519_FINGERPRINT = "SHA256:pScW7CdqORQfGQt0tJLfO8QIfD/nVV4/vPDCR74ffRA";
    static final String ECDSA = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBBht6wXwp5zBrf7rSv+/"
            + "+FP+X3JnruaJijyeJGNILLcQPkUhv0twXb/xWtmnHIFS9oDNxIKKPIPMXPofn1bwlJk=";
    static final String ECDSA_FINGERPRINT = "SHA256:s8PT2DhlVMqMRDBUTCVtOHkqy1gX8XAkzriKypyllR4";
    /** {@link #ED25519} for 127.0.0.1, hashed by {@code ssh-keygen -H}. */
    static final String HASHED_ENTRY = "|1|meGUz5uMYYYNDuku81clmkm9Qos=|kZRFEhz7saYN+SKzHW5/2BuM68k= " + ED25519;

    @TempDir
    Path dir;

    static PublicKey key(String line) {
        try {
            return new Buffer.PlainBuffer(Base64.getDecoder().decode(line.split(" ")[1])).readPublicKey();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private PinnedHostKeys knownHosts(String... lines) throws IOException {
        Path file = Files.writeString(dir.resolve("known_hosts"), String.join("\n", lines) + "\n");
        return PinnedHostKeys.of(new HostKeyPolicy.KnownHosts(file.toString()));
    }

    @Test
    @DisplayName("fingerprints are ssh-keygen's, for ed25519 and ECDSA keys")
    void fingerprintsMatchSshKeygen() {
        assertThat(HostKeyFingerprint.sha256(key(ED25519))).isEqualTo(ED25519_FINGERPRINT);
        assertThat(HostKeyFingerprint.describe(key(ECDSA))).isEqualTo("ecdsa-sha2-nistp256 " + ECDSA_FINGERPRINT);
    }

    @Test
    void thePinnedFingerprintPassesAndAnyOtherKeyIsRefused() {
        PinnedHostKeys pinned = PinnedHostKeys.of(new HostKeyPolicy.Fingerprint(ED25519_FINGERPRINT));
        assertThat(pinned.verify("10.0.0.5", 22, key(ED25519))).isTrue();
        assertThat(pinned.refusal()).isEmpty();
        assertThat(pinned.verify("10.0.0.5", 22, key(ECDSA))).isFalse();
        assertThat(pinned.refusal()).hasValueSatisfying(r -> {
            assertThat(r.presented()).isEqualTo("ecdsa-sha2-nistp256 " + ECDSA_FINGERPRINT);
            assertThat(r.reason()).isEqualTo("expected " + ED25519_FINGERPRINT + " (the environment's pinned fingerprint)");
        });
    }

    @Test
    @DisplayName("a known_hosts entry pins the key for its host and port only")
    void knownHostsEntryPinsHostAndPort() throws IOException {
        PinnedHostKeys pinned = knownHosts("# the preprod host", "[10.0.0.5]:2222 " + ED25519);
        assertThat(pinned.verify("10.0.0.5", 2222, key(ED25519))).isTrue();
        assertThat(pinned.verify("10.0.0.5", 22, key(ED25519))).as("same key, port 22: another entry").isFalse();
        assertThat(pinned.refusal()).hasValueSatisfying(r -> assertThat(r.reason())
                .startsWith("no key for 10.0.0.5 in known_hosts " + dir.resolve("known_hosts")).contains("unknown host"));
    }

    @Test
    @DisplayName("a changed key is refused, naming the pinned fingerprint, and the file is never rewritten")
    void changedKeyIsRefused() throws IOException {
        PinnedHostKeys pinned = knownHosts("[10.0.0.5]:2222 " + ED25519);
        byte[] before = Files.readAllBytes(dir.resolve("known_hosts"));
        assertThat(pinned.verify("10.0.0.5", 2222, key(ECDSA))).isFalse();
        assertThat(pinned.refusal()).hasValueSatisfying(r -> {
            assertThat(r.presented()).isEqualTo("ecdsa-sha2-nistp256 " + ECDSA_FINGERPRINT);
            assertThat(r.reason()).startsWith("expected ssh-ed25519 " + ED25519_FINGERPRINT + " from known_hosts ")
                    .contains("the host key changed");
        });
        assertThat(Arrays.equals(before, Files.readAllBytes(dir.resolve("known_hosts")))).isTrue();
    }

    @Test
    @DisplayName("hashed entries (ssh-keygen -H) pin too, and name their fingerprint when the key changed")
    void hashedEntries() throws IOException {
        PinnedHostKeys pinned = knownHosts(HASHED_ENTRY);
        assertThat(pinned.verify("127.0.0.1", 22, key(ED25519))).isTrue();
        assertThat(pinned.verify("127.0.0.1", 22, key(ECDSA))).isFalse();
        assertThat(pinned.refusal()).hasValueSatisfying(r -> assertThat(r.reason())
                .startsWith("expected ssh-ed25519 " + ED25519_FINGERPRINT));
    }

    @Test
    @DisplayName("a revoked key (@revoked) is refused even though it is listed")
    void revokedKeyIsRefused() throws IOException {
        PinnedHostKeys pinned = knownHosts("@revoked * " + ED25519, "10.0.0.5 " + ED25519);
        assertThat(pinned.verify("10.0.0.5", 22, key(ED25519))).isFalse();
        assertThat(pinned.refusal()).hasValueSatisfying(r -> assertThat(r.reason()).startsWith("that key is marked @revoked"));
    }

    @Test
    void entryNamesFollowOpenSsh() {
        assertThat(PinnedHostKeys.entryName("h.example", 22)).isEqualTo("h.example");
        assertThat(PinnedHostKeys.entryName("h.example", 804)).isEqualTo("[h.example]:804");
    }
}
