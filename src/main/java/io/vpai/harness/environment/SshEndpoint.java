package io.vpai.harness.environment;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An {@link SshEnvironment} with its variables read and its files found: everything an SSH client
 * needs, and nothing left to guess. A {@link HostKeyPolicy.KnownHosts} here holds an absolute path.
 *
 * @param environment the environment's name, for error messages and reports
 */
public record SshEndpoint(String environment, String host, int port, String user, Path privateKey,
                          HostKeyPolicy hostKey, boolean destructiveAllowed) {
    public SshEndpoint {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(hostKey, "hostKey");
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + " (" + environment + ")";
    }
}
