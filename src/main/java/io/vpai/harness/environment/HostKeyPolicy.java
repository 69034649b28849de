package io.vpai.harness.environment;

import java.util.regex.Pattern;

/**
 * How the harness knows it is talking to the right host. Exactly one pinned source; there is
 * deliberately no way to accept any key.
 */
public sealed interface HostKeyPolicy permits HostKeyPolicy.KnownHosts, HostKeyPolicy.Fingerprint {

    /** An OpenSSH known_hosts file holding the host's pinned key (committed, or the operator's own). */
    record KnownHosts(String path) implements HostKeyPolicy {
        public KnownHosts {
            Required.text(path, "ssh.hostKey.knownHosts");
        }
    }

    /** The host key's SHA-256 fingerprint as {@code ssh-keygen -lf} prints it: {@code SHA256:} and 43 base64 characters. */
    record Fingerprint(String sha256) implements HostKeyPolicy {
        static final Pattern FORMAT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

        public Fingerprint {
            if (sha256 == null || !FORMAT.matcher(sha256).matches()) {
                throw EnvironmentException.of("ssh.hostKey.fingerprint",
                        "'" + sha256 + "' is not a fingerprint of the form SHA256:<43 base64 characters>");
            }
        }
    }
}
