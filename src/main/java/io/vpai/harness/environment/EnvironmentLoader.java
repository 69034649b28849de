package io.vpai.harness.environment;

import io.vpai.harness.environment.EnvironmentSchema.ContainersFile;
import io.vpai.harness.environment.EnvironmentSchema.SshFile;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import org.yaml.snakeyaml.nodes.Node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one {@code environments/<name>.yaml} into a typed {@link Environment}, checking it against the stack model.
 * The file is bound into the records of {@link EnvironmentSchema} (which reject unknown keys, missing keys and
 * values of the wrong type), then what the values mean is checked here. The first problem found ends the load with
 * a one-line {@link EnvironmentException} ({@code file:line: key.path: what is wrong}).
 */
public final class EnvironmentLoader {
    static final String CONTAINERS = "containers";
    static final String SSH = "ssh";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})(ms|s|m|h)");
    /** Words of options other SSH tools use to skip host key checks; each gets an explicit refusal. */
    private static final Pattern ACCEPT_ANY = Pattern.compile(
            "(?i).*(insecure|accept|trust|skip|strict|verif|tofu|promiscuous|ignore|any).*");

    private EnvironmentLoader() {
    }

    /**
     * Loads and validates {@code file} against {@code model} (its service names, network subnets and
     * split-DNS records). SSH variables are checked for form only; see {@link SshEnvironment#resolve}.
     */
    public static Environment load(Path file, Stack model) {
        EnvironmentFile source = EnvironmentFile.of(file);
        Node root = source.root();
        if (root == null) {
            throw source.error(1, "the file is empty; expected name, target and description");
        }
        YamlMapping top = YamlMapping.of(source.display(), "", root);
        List<String> containerKeys = YamlBinder.keys(ContainersFile.class);
        List<String> sshKeys = YamlBinder.keys(SshFile.class);
        LinkedHashSet<String> all = new LinkedHashSet<>(containerKeys);
        all.addAll(sshKeys);
        top.allowOnly(List.copyOf(all));

        String target = top.string("target");
        if (!target.equals(CONTAINERS) && !target.equals(SSH)) {
            throw top.valueError("target", EnvironmentException.quote(target) + " is not a target (containers | ssh)");
        }
        // Keys of the other target get their own message: the file most likely names the wrong target.
        List<String> own = new ArrayList<>(target.equals(CONTAINERS) ? containerKeys : sshKeys);
        List<String> other = new ArrayList<>(target.equals(CONTAINERS) ? sshKeys : containerKeys);
        List<String> common = own.stream().filter(other::contains).toList();
        own.removeAll(common);
        other.removeAll(common);
        for (String key : top.keys()) {
            if (other.contains(key)) {
                throw top.keyError(key, "only a " + (target.equals(CONTAINERS) ? SSH : CONTAINERS)
                        + " environment takes this key (target is " + target + "; expected: " + String.join(", ", own) + ")");
            }
        }
        String name = top.string("name");
        if (!NAME.matcher(name).matches()) {
            throw top.valueError("name", EnvironmentException.quote(name) + " is not a name (expected " + NAME.pattern() + ")");
        }
        if (!name.equals(source.baseName())) {
            throw top.valueError("name", EnvironmentException.quote(name) + " does not match the file name '"
                    + source.baseName() + "'");
        }
        KeyLines lines = new KeyLines(source.display());
        if (target.equals(CONTAINERS)) {
            return containers(YamlBinder.bind(top, ContainersFile.class, lines), model, lines);
        }
        refuseAcceptAnyHostKey(top);
        return ssh(YamlBinder.bind(top, SshFile.class, lines), lines, source);
    }

    private static ContainerEnvironment containers(ContainersFile file, Stack model, KeyLines lines) {
        TlsMode tls = switch (file.tls()) {
            case "internal" -> TlsMode.INTERNAL;
            default -> throw lines.valueError("tls", EnvironmentException.quote(file.tls())
                    + " is not a TLS mode (internal; production's DNS-01 is never used in tests)");
        };
        Duration healthInterval = duration(file.healthInterval(), "healthInterval", lines);
        Map<String, ImageSource> images = images(file.images(), model, lines);
        Fixtures fixtures = FixtureRules.fixtures(file.fixtures(), model, lines);
        return new ContainerEnvironment(file.name(), file.description(), tls, healthInterval, images, fixtures);
    }

    private static Duration duration(String text, String key, KeyLines lines) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw lines.valueError(key, EnvironmentException.quote(text) + " is not a duration (e.g. 500ms, 1s, 2m)");
        }
        long amount = Long.parseLong(m.group(1));
        Duration value = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (value.isZero()) {
            throw lines.valueError(key, "must be longer than zero");
        }
        return value;
    }

    /** One image per model service, in the model's order whatever the file's. */
    private static Map<String, ImageSource> images(Map<String, EnvironmentSchema.Image> declared, Stack model,
                                                   KeyLines lines) {
        List<String> services = model.services().stream().map(Service::name).toList();
        for (String service : declared.keySet()) {
            if (!services.contains(service)) {
                throw lines.keyError("images." + service, "no service '" + service + "' in the model (services: "
                        + String.join(", ", services) + ")");
            }
        }
        List<String> missing = services.stream().filter(s -> !declared.containsKey(s)).toList();
        if (!missing.isEmpty()) {
            throw lines.lackError("images", "images." + missing.get(0),
                    "missing; every model service needs an image (missing: " + String.join(", ", missing) + ")");
        }
        Map<String, ImageSource> ordered = new LinkedHashMap<>();
        services.forEach(s -> ordered.put(s, image("images." + s, declared.get(s), lines)));
        return ordered;
    }

    private static ImageSource image(String path, EnvironmentSchema.Image entry, KeyLines lines) {
        Fidelity fidelity = switch (entry.fidelity()) {
            case "real" -> Fidelity.REAL;
            case "stand-in" -> Fidelity.STAND_IN;
            default -> throw lines.valueError(path + ".fidelity", EnvironmentException.quote(entry.fidelity())
                    + " is not a fidelity (real | stand-in)");
        };
        if (entry.build().isPresent()) {
            String value = entry.build().get();
            if (!OfflineImages.NAMES.contains(value)) {
                throw lines.valueError(path + ".build", "unknown offline image " + EnvironmentException.quote(value)
                        + " (known: " + String.join(", ", OfflineImages.NAMES) + ")");
            }
            if (value.equals(OfflineImages.STANDIN) && fidelity == Fidelity.REAL) {
                throw lines.valueError(path + ".fidelity", "the '" + OfflineImages.STANDIN
                        + "' image only impersonates a service; its fidelity is stand-in, not real");
            }
            return new ImageSource.Build(value, fidelity);
        }
        String reference = entry.image().orElseThrow();
        String problem = ImageReferences.problem(reference);
        if (problem != null) {
            throw lines.valueError(path + ".image", problem);
        }
        return new ImageSource.Pull(reference, fidelity);
    }

    /** Before the unknown-key rule: an option to relax host key checks gets its own refusal, not "unknown key". */
    private static void refuseAcceptAnyHostKey(YamlMapping top) {
        if (!top.has("ssh") || !(top.value("ssh") instanceof org.yaml.snakeyaml.nodes.MappingNode)) {
            return;
        }
        YamlMapping ssh = top.mapping("ssh");
        if (!ssh.has("hostKey") || !(ssh.value("hostKey") instanceof org.yaml.snakeyaml.nodes.MappingNode)) {
            return;
        }
        YamlMapping hostKey = ssh.mapping("hostKey");
        List<String> allowed = YamlBinder.keys(EnvironmentSchema.HostKey.class);
        for (String k : hostKey.keys()) {
            if (!allowed.contains(k) && ACCEPT_ANY.matcher(k).matches()) {
                throw hostKey.keyError(k, "there is no option to skip or relax host key verification;"
                        + " pin the key with knownHosts or fingerprint");
            }
        }
    }

    private static SshEnvironment ssh(SshFile file, KeyLines lines, EnvironmentFile source) {
        EnvironmentSchema.SshBlock ssh = file.ssh();
        String hostProblem = Variables.hasReference(ssh.host()) ? Variables.problem(ssh.host())
                : HostNames.hostProblem(ssh.host());
        if (hostProblem != null) {
            throw lines.valueError("ssh.host", hostProblem);
        }
        if (ssh.port() < 1 || ssh.port() > 65535) {
            throw lines.valueError("ssh.port", ssh.port() + " is not a TCP port (1..65535)");
        }
        String userProblem = Variables.hasReference(ssh.user()) ? Variables.problem(ssh.user())
                : HostNames.userProblem(ssh.user());
        if (userProblem != null) {
            throw lines.valueError("ssh.user", userProblem);
        }
        KeySource key;
        if (ssh.key().path().isPresent()) {
            key = new KeySource.KeyFile(ssh.key().path().get());
        } else if (!Variables.isName(ssh.key().env().orElseThrow())) {
            throw lines.valueError("ssh.key.env", EnvironmentException.quote(ssh.key().env().get())
                    + " is not a variable name (the variable holds the key's path)");
        } else {
            key = new KeySource.KeyFromEnv(ssh.key().env().get());
        }
        HostKeyPolicy hostKey;
        if (ssh.hostKey().knownHosts().isPresent()) {
            hostKey = new HostKeyPolicy.KnownHosts(ssh.hostKey().knownHosts().get());
        } else if (!HostKeyPolicy.Fingerprint.FORMAT.matcher(ssh.hostKey().fingerprint().orElseThrow()).matches()) {
            throw lines.valueError("ssh.hostKey.fingerprint", EnvironmentException.quote(ssh.hostKey().fingerprint().get())
                    + " is not a fingerprint of the form SHA256:<43 base64 characters> (ssh-keygen -lf)");
        } else {
            hostKey = new HostKeyPolicy.Fingerprint(ssh.hostKey().fingerprint().get());
        }
        if (file.destructive() && file.name().equals(SshEnvironment.PRODUCTION)) {
            throw lines.valueError("destructive", "production never allows destructive specs; it must be false");
        }
        return new SshEnvironment(file.name(), file.description(), ssh.host(), ssh.port(), ssh.user(), key, hostKey,
                file.destructive(), new SshEnvironment.Source(source.display(), source.projectRoot(), lines.valueLines()));
    }
}
