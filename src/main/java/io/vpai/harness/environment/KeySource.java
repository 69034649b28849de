package io.vpai.harness.environment;

/** Where the SSH private key is: a path written in the file, or a path held by an environment variable (CI secrets). */
public sealed interface KeySource permits KeySource.KeyFile, KeySource.KeyFromEnv {

    /** A path as written: {@code ~/} is the home directory, a relative path is relative to the project root. */
    record KeyFile(String path) implements KeySource {
        public KeyFile {
            Required.text(path, "ssh.key.path");
        }
    }

    /** The name of a variable whose value is the key's path; read at {@link SshEnvironment#resolve}, not at load. */
    record KeyFromEnv(String variable) implements KeySource {
        public KeyFromEnv {
            if (variable == null || !Variables.isName(variable)) {
                throw EnvironmentException.of("ssh.key.env", "'" + variable + "' is not a variable name");
            }
        }
    }
}
