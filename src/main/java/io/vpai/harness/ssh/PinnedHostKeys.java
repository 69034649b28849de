package io.vpai.harness.ssh;

import io.vpai.harness.environment.HostKeyPolicy;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

import java.io.File;
import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Accepts exactly the host key the environment pins — a fingerprint, or an entry of a known_hosts file —
 * and nothing else: an unknown key and a changed key are both refused, and nothing is ever written back to
 * the file. There is deliberately no constructor that accepts any key (no {@code PromiscuousVerifier} path).
 * When it refuses, it keeps what the host presented so the connection can fail with one line that names
 * host, port, presented fingerprint and the pinned source.
 */
final class PinnedHostKeys implements HostKeyVerifier {
    /** What was refused, and why, in words. */
    record Refusal(String host, int port, String presented, String reason) {
    }

    private final HostKeyPolicy policy;
    private final OpenSSHKnownHosts knownHosts;
    private volatile Refusal refusal;

    private PinnedHostKeys(HostKeyPolicy policy, OpenSSHKnownHosts knownHosts) {
        this.policy = policy;
        this.knownHosts = knownHosts;
    }

    /** @param policy a resolved policy (a known_hosts path is absolute after {@code SshEnvironment.resolve}) */
    static PinnedHostKeys of(HostKeyPolicy policy) {
        if (policy instanceof HostKeyPolicy.Fingerprint) {
            return new PinnedHostKeys(policy, null);
        }
        String path = ((HostKeyPolicy.KnownHosts) policy).path();
        try {
            return new PinnedHostKeys(policy, new ReadOnlyKnownHosts(new File(path)));
        } catch (IOException e) {
            throw new SshException("cannot read known_hosts " + path + ": " + e.getMessage(), e);
        }
    }

    /** Where the pinned key comes from, for messages: {@code known_hosts /x/known_hosts.preprod}, or the fingerprint in the environment file. */
    String source() {
        if (policy instanceof HostKeyPolicy.Fingerprint fingerprint) {
            return "the environment's pinned fingerprint";
        }
        return "known_hosts " + ((HostKeyPolicy.KnownHosts) policy).path();
    }

    Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    @Override
    public boolean verify(String host, int port, PublicKey key) {
        String presented = HostKeyFingerprint.describe(key);
        if (policy instanceof HostKeyPolicy.Fingerprint fingerprint) {
            if (fingerprint.sha256().equals(HostKeyFingerprint.sha256(key))) {
                return true;
            }
            refusal = new Refusal(host, port, presented, "expected " + fingerprint.sha256() + " (" + source() + ")");
            return false;
        }
        if (revoked(key)) {
            refusal = new Refusal(host, port, presented, "that key is marked @revoked in " + source());
            return false;
        }
        if (knownHosts.verify(host, port, key)) {
            return true;
        }
        List<String> pinned = pinnedFingerprints(host, port);
        refusal = new Refusal(host, port, presented, pinned.isEmpty()
                ? "no key for " + entryName(host, port) + " in " + source()
                + " (unknown host: verify its fingerprint out of band, then add it there)"
                : "expected " + String.join(" or ", pinned) + " from " + source()
                + " (the host key changed: someone may be intercepting; re-pin only after checking out of band)");
        return false;
    }

    /** Lets sshj negotiate the algorithm of the pinned key (a host offers several; only the pinned one will pass). */
    @Override
    public List<String> findExistingAlgorithms(String host, int port) {
        return knownHosts == null ? List.of() : knownHosts.findExistingAlgorithms(host, port);
    }

    /**
     * OpenSSH refuses a key listed under {@code @revoked} even where another line would accept it; sshj does not, so
     * this looks for the presented key among the revoked lines itself (whatever host pattern they carry).
     */
    private boolean revoked(PublicKey key) {
        String presented = HostKeyFingerprint.sha256(key);
        for (OpenSSHKnownHosts.KnownHostEntry entry : knownHosts.entries()) {
            String line = entry.getLine() == null ? "" : entry.getLine().trim();
            String[] fields = line.split("\\s+");
            if (fields.length > 3 && fields[0].equals("@revoked")) {
                try {
                    if (HostKeyFingerprint.sha256(Base64.getDecoder().decode(fields[3])).equals(presented)) {
                        return true;
                    }
                } catch (IllegalArgumentException unreadable) {
                    // not a key we could compare
                }
            }
        }
        return false;
    }

    /** Fingerprints of the known_hosts entries for this host (hashed entries included), read from their lines. */
    private List<String> pinnedFingerprints(String host, int port) {
        List<String> found = new ArrayList<>();
        for (OpenSSHKnownHosts.KnownHostEntry entry : knownHosts.entries()) {
            try {
                if (entry.appliesTo(entryName(host, port)) && entry.getLine() != null) {
                    String[] fields = entry.getLine().trim().split("\\s+");
                    int blob = fields[0].startsWith("@") ? 3 : 2;
                    if (fields.length > blob) {
                        found.add(fields[blob - 1] + " " + HostKeyFingerprint.sha256(Base64.getDecoder().decode(fields[blob])));
                    }
                }
            } catch (IOException | IllegalArgumentException unreadable) {
                // an entry we cannot read pins nothing we could name
            }
        }
        return found;
    }

    /** How OpenSSH names a host in known_hosts: the bare name on port 22, {@code [host]:port} otherwise. */
    static String entryName(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /** sshj's known_hosts reader with its two "what now?" hooks answering no, and never writing to the file. */
    private static final class ReadOnlyKnownHosts extends OpenSSHKnownHosts {
        ReadOnlyKnownHosts(File file) throws IOException {
            super(file);
        }

        @Override
        protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
            return false;
        }

        @Override
        protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
            return false;
        }

        @Override
        public void write() {
            throw new UnsupportedOperationException("the pinned known_hosts file is never written by the harness");
        }

        @Override
        public void write(KnownHostEntry entry) {
            throw new UnsupportedOperationException("the pinned known_hosts file is never written by the harness");
        }
    }
}
