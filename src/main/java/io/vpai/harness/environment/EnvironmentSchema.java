package io.vpai.harness.environment;

import java.util.Map;
import java.util.Optional;

/**
 * The shape of {@code environments/<name>.yaml}, as {@link YamlBinder} binds it: every component is a key, in the
 * order an "unknown key" error lists them; what the values mean is checked by {@link EnvironmentLoader}.
 */
final class EnvironmentSchema {
    private EnvironmentSchema() {
    }

    /** {@code target: containers}: an ephemeral stack in Docker. */
    record ContainersFile(String name, String target, String description, String tls, String healthInterval,
                          Map<String, Image> images, FixturesBlock fixtures) {
    }

    /** One service's image: built offline or pulled, and whether it is the real service or a stand-in. */
    @YamlBinder.ExactlyOne({"build", "image"})
    record Image(Optional<String> build, Optional<String> image, String fidelity) {
    }

    record FixturesBlock(FixtureNetworkBlock internet) {
    }

    record FixtureNetworkBlock(String subnet, String gateway, String proxy, String client, String resolver) {
    }

    /** {@code target: ssh}: a deployed host. */
    record SshFile(String name, String target, String description, SshBlock ssh, boolean destructive) {
    }

    record SshBlock(String host, int port, String user, Key key, HostKey hostKey) {
    }

    @YamlBinder.ExactlyOne({"path", "env"})
    record Key(Optional<String> path, Optional<String> env) {
    }

    @YamlBinder.ExactlyOne({"knownHosts", "fingerprint"})
    record HostKey(Optional<String> knownHosts, Optional<String> fingerprint) {
    }
}
