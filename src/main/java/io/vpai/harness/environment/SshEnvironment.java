package io.vpai.harness.environment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A deployed host reached over SSH (preprod, production). Values may hold {@code ${NAME}} references,
 * kept as written: loading only checks their form, so {@code production.yaml} validates in the gate
 * on a machine that has none of the variables. {@link #resolve} reads them when a run really connects.
 *
 * @param destructiveAllowed whether state-changing specs may run; never for {@code production}
 * @param source             where the values were declared, for one-line errors at resolve time
 */
public record SshEnvironment(
        String name,
        String description,
        String host,
        int port,
        String user,
        KeySource key,
        HostKeyPolicy hostKey,
        boolean destructiveAllowed,
        Source source) implements Environment {

    /** The environment the design makes read-only: specs tagged destructive never run against it. */
    public static final String PRODUCTION = "production";

    /**
     * Where the record came from: the file's display name, the project root that relative paths are
     * relative to, and the line of each dotted key.
     */
    public record Source(String file, Path projectRoot, Map<String, Integer> lines) {
        public Source {
            Objects.requireNonNull(projectRoot, "projectRoot");
            lines = Map.copyOf(lines);
        }

        /** No file: relative paths are relative to the working directory. */
        public static Source none() {
            return new Source(null, Path.of(""), Map.of());
        }

        /** A one-line error at the line of {@code keyPath}, or of its nearest recorded parent. */
        EnvironmentException error(String keyPath, String problem) {
            String at = keyPath;
            while (at != null && !lines.containsKey(at)) {
                int dot = at.lastIndexOf('.');
                at = dot < 0 ? null : at.substring(0, dot);
            }
            int line = at == null ? 0 : lines.get(at);
            return file == null ? EnvironmentException.of(keyPath, problem)
                    : EnvironmentException.at(file, line, keyPath, problem);
        }
    }

    public SshEnvironment {
        Required.nonNull("name description host user key hostKey source", name, description, host, user, key, hostKey,
                source);
        if (port < 1 || port > 65535) {
            throw source.error("ssh.port", port + " is not a TCP port (1..65535)");
        }
        if (name.equals(PRODUCTION) && destructiveAllowed) {
            throw source.error("destructive", "production never allows destructive specs; it must be false");
        }
    }

    /** Built in code rather than loaded from a file. */
    public SshEnvironment(String name, String description, String host, int port, String user, KeySource key,
                          HostKeyPolicy hostKey, boolean destructiveAllowed) {
        this(name, description, host, port, user, key, hostKey, destructiveAllowed, Source.none());
    }

    @Override
    public Target target() {
        return Target.SSH;
    }

    /**
     * The connection settings with every variable read from {@code env} (normally {@code System.getenv()}),
     * {@code ~/} expanded (from {@code HOME} in {@code env}, else the JVM's {@code user.home}), relative paths
     * taken from the project root, and the key and known_hosts files checked to exist.
     *
     * @throws EnvironmentException one line naming the file:line, key and the unset variable or missing file
     */
    public SshEndpoint resolve(Map<String, String> env) {
        String resolvedHost = Variables.substitute(host, env, unset("ssh.host"));
        String hostProblem = HostNames.hostProblem(resolvedHost);
        if (hostProblem != null) {
            throw source.error("ssh.host", "after substitution " + hostProblem);
        }
        String resolvedUser = Variables.substitute(user, env, unset("ssh.user"));
        String userProblem = HostNames.userProblem(resolvedUser);
        if (userProblem != null) {
            throw source.error("ssh.user", "after substitution " + userProblem);
        }
        Path keyFile;
        if (key instanceof KeySource.KeyFile file) {
            keyFile = existingFile("ssh.key.path", expand(file.path(), env, true), file.path());
        } else {
            String variable = ((KeySource.KeyFromEnv) key).variable();
            String value = env.get(variable);
            if (value == null || value.isBlank()) {
                throw unset("ssh.key.env").apply(variable);
            }
            keyFile = existingFile("ssh.key.env", expand(value.strip(), env, false), variable + "=" + value.strip());
        }
        HostKeyPolicy resolvedHostKey = hostKey;
        if (hostKey instanceof HostKeyPolicy.KnownHosts known) {
            Path file = expand(known.path(), env, true);
            if (!Files.isRegularFile(file)) {
                throw source.error("ssh.hostKey.knownHosts", EnvironmentException.quote(known.path()) + " (" + file
                        + ") is not a file; commit the host's pinned key there (ssh-keyscan, checked out of band)");
            }
            resolvedHostKey = new HostKeyPolicy.KnownHosts(file.toString());
        }
        return new SshEndpoint(name, resolvedHost, port, resolvedUser, keyFile, resolvedHostKey, destructiveAllowed);
    }

    private java.util.function.Function<String, RuntimeException> unset(String keyPath) {
        return variable -> source.error(keyPath, "${" + variable + "} is not set in the process environment");
    }

    private Path expand(String path, Map<String, String> env, boolean fromFile) {
        if (path.equals("~") || path.startsWith("~/")) {
            String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            return Path.of(home).resolve(path.equals("~") ? "" : path.substring(2)).toAbsolutePath().normalize();
        }
        Path given = Path.of(path);
        if (given.isAbsolute()) {
            return given.normalize();
        }
        return (fromFile ? source.projectRoot().resolve(given) : given).toAbsolutePath().normalize();
    }

    private Path existingFile(String keyPath, Path path, String written) {
        if (!Files.isRegularFile(path)) {
            throw source.error(keyPath, EnvironmentException.quote(written) + " (" + path + ") is not a file");
        }
        return path;
    }
}
