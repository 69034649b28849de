package io.vpai.harness.environment;

import java.nio.file.Path;

/**
 * An {@link SshEnvironment} with its variables read and its files found: everything an SSH client
 * needs, and nothing left to guess. A {@link HostKeyPolicy.KnownHosts} here holds an absolute path.
 *
 * @param environment the environment's name, for error messages and reports
 */
public record SshEndpoint(String environment, String host, int port, String user, Path privateKey,
                          HostKeyPolicy hostKey, boolean destructiveAllowed) {
    public SshEndpoint {
        Required.nonNull("environment host user privateKey hostKey", environment, host, user, privateKey, hostKey);
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + " (" + environment + ")";
    }
}
