package io.vpai.harness.environment;

import io.vpai.harness.model.Access;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Ipv4;
import io.vpai.harness.model.ModelException;
import io.vpai.harness.model.Network;
import io.vpai.harness.model.Route;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads one {@code environments/<name>.yaml} into a typed {@link Environment}, checking it against
 * the stack model. The first problem found ends the load with a one-line {@link EnvironmentException}
 * ({@code file:line: key.path: what is wrong}).
 */
public final class EnvironmentLoader {
    static final String CONTAINERS = "containers";
    static final String SSH = "ssh";

    private static final List<String> COMMON_KEYS = List.of("name", "target", "description");
    private static final List<String> CONTAINER_KEYS = List.of("tls", "healthInterval", "images", "fixtures");
    private static final List<String> SSH_KEYS = List.of("ssh", "destructive");
    private static final List<String> IMAGE_KEYS = List.of("build", "image", "fidelity");
    private static final List<String> FIXTURE_KEYS = List.of(Fixtures.TAILNET, Fixtures.INTERNET);
    private static final List<String> FIXTURE_NETWORK_KEYS = List.of("subnet", "gateway", "proxy", "client", "resolver");
    private static final List<String> SSH_BLOCK_KEYS = List.of("host", "port", "user", "key", "hostKey");
    private static final List<String> KEY_KEYS = List.of("path", "env");
    private static final List<String> HOST_KEY_KEYS = List.of("knownHosts", "fingerprint");
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
        String display = displayName(file);
        String text = read(file, display);
        Node root = compose(text, display);
        if (root == null) {
            throw EnvironmentException.at(display, 1, null, "the file is empty; expected name, target and description");
        }
        YamlMapping top = YamlMapping.of(display, "", root);
        List<String> all = new ArrayList<>(COMMON_KEYS);
        all.addAll(CONTAINER_KEYS);
        all.addAll(SSH_KEYS);
        top.allowOnly(all);

        String target = top.string("target");
        List<String> own;
        List<String> other;
        if (target.equals(CONTAINERS)) {
            own = CONTAINER_KEYS;
            other = SSH_KEYS;
        } else if (target.equals(SSH)) {
            own = SSH_KEYS;
            other = CONTAINER_KEYS;
        } else {
            throw top.valueError("target", EnvironmentException.quote(target) + " is not a target (containers | ssh)");
        }
        for (String key : top.keys()) {
            if (other.contains(key)) {
                throw top.keyError(key, "only a "
                        + (target.equals(CONTAINERS) ? SSH : CONTAINERS) + " environment takes this key (target is "
                        + target + "; expected: " + String.join(", ", own) + ")");
            }
        }

        String name = top.string("name");
        String expected = baseName(file);
        if (!NAME.matcher(name).matches()) {
            throw top.valueError("name", EnvironmentException.quote(name) + " is not a name (expected " + NAME.pattern() + ")");
        }
        if (!name.equals(expected)) {
            throw top.valueError("name", EnvironmentException.quote(name) + " does not match the file name '" + expected + "'");
        }
        String description = top.string("description");

        return target.equals(CONTAINERS)
                ? containers(top, name, description, model)
                : ssh(top, name, description, display, projectRoot(file));
    }

    private static ContainerEnvironment containers(YamlMapping top, String name, String description, Stack model) {
        String tlsText = top.string("tls");
        TlsMode tls = switch (tlsText) {
            case "internal" -> TlsMode.INTERNAL;
            case "none" -> TlsMode.NONE;
            default -> throw top.valueError("tls", EnvironmentException.quote(tlsText)
                    + " is not a TLS mode (internal | none; production's DNS-01 is never used in tests)");
        };
        Duration healthInterval = duration(top, "healthInterval");
        Map<String, ImageSource> images = images(top.mapping("images"), model);
        Fixtures fixtures = fixtures(top.mapping("fixtures"), model);
        return new ContainerEnvironment(name, description, tls, healthInterval, images, fixtures);
    }

    private static Duration duration(YamlMapping map, String key) {
        String text = map.string(key);
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw map.valueError(key, EnvironmentException.quote(text) + " is not a duration (e.g. 500ms, 1s, 2m)");
        }
        long amount = Long.parseLong(m.group(1));
        Duration value = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (value.isZero()) {
            throw map.valueError(key, "must be longer than zero");
        }
        return value;
    }

    private static Map<String, ImageSource> images(YamlMapping images, Stack model) {
        List<String> services = model.services().stream().map(Service::name).toList();
        Map<String, ImageSource> found = new HashMap<>();
        for (String service : images.keys()) {
            if (!services.contains(service)) {
                throw images.keyError(service, "no service '" + service + "' in the model (services: "
                        + String.join(", ", services) + ")");
            }
            found.put(service, image(images.mapping(service)));
        }
        List<String> missing = services.stream().filter(s -> !found.containsKey(s)).toList();
        if (!missing.isEmpty()) {
            throw images.lackError(images.child(missing.get(0)),
                    "missing; every model service needs an image (missing: " + String.join(", ", missing) + ")");
        }
        Map<String, ImageSource> ordered = new LinkedHashMap<>();
        services.forEach(s -> ordered.put(s, found.get(s)));
        return ordered;
    }

    private static ImageSource image(YamlMapping entry) {
        entry.allowOnly(IMAGE_KEYS);
        String kind = entry.exactlyOne("build", "image");
        String fidelityText = entry.string("fidelity");
        Fidelity fidelity = switch (fidelityText) {
            case "real" -> Fidelity.REAL;
            case "stand-in" -> Fidelity.STAND_IN;
            default -> throw entry.valueError("fidelity", EnvironmentException.quote(fidelityText)
                    + " is not a fidelity (real | stand-in)");
        };
        String value = entry.string(kind);
        if (kind.equals("build")) {
            if (!OfflineImages.NAMES.contains(value)) {
                throw entry.valueError("build", "unknown offline image " + EnvironmentException.quote(value)
                        + " (known: " + String.join(", ", OfflineImages.NAMES) + ")");
            }
            if (value.equals(OfflineImages.STANDIN) && fidelity == Fidelity.REAL) {
                throw entry.valueError("fidelity", "the '" + OfflineImages.STANDIN
                        + "' image only impersonates a service; its fidelity is stand-in, not real");
            }
            return new ImageSource.Build(value, fidelity);
        }
        String problem = ImageReferences.problem(value);
        if (problem != null) {
            throw entry.valueError("image", problem);
        }
        return new ImageSource.Pull(value, fidelity);
    }

    private static Fixtures fixtures(YamlMapping fixtures, Stack model) {
        fixtures.allowOnly(FIXTURE_KEYS);
        YamlMapping tailnetMap = fixtures.mapping(Fixtures.TAILNET);
        FixtureNetwork tailnet = fixtureNetwork(tailnetMap, model);
        YamlMapping internetMap = fixtures.mapping(Fixtures.INTERNET);
        FixtureNetwork internet = fixtureNetwork(internetMap, model);
        if (internet.subnet().overlaps(tailnet.subnet())) {
            throw internetMap.valueError("subnet", internet.subnet() + " overlaps the tailnet fixture " + tailnet.subnet());
        }
        // Split DNS answers VPN clients with the VPS's tailnet address; Caddy must be there or every name misses.
        Set<String> vpsAddresses = proxyTailnetAddresses(model);
        if (vpsAddresses.size() == 1 && !vpsAddresses.contains(tailnet.proxy())) {
            throw tailnetMap.valueError("proxy", tailnet.proxy() + " is not the VPS's tailnet address "
                    + vpsAddresses.iterator().next() + " that the model's split DNS answers for the proxied names");
        }
        return new Fixtures(tailnet, internet);
    }

    private static FixtureNetwork fixtureNetwork(YamlMapping net, Stack model) {
        net.allowOnly(FIXTURE_NETWORK_KEYS);
        String subnetText = net.string("subnet");
        Cidr subnet;
        try {
            subnet = Cidr.parse(subnetText);
        } catch (ModelException | NumberFormatException e) {
            // The model's message already quotes the value: "'10.0.0.0/33': prefix length must be 0..32".
            throw net.valueError("subnet", EnvironmentException.oneLine(String.valueOf(e.getMessage())));
        }
        if (!subnetText.equals(subnet.toString())) {
            throw net.valueError("subnet", EnvironmentException.quote(subnetText) + " is not a CIDR prefix (write " + subnet + ")");
        }
        String unsafe = FixtureSafety.problem(subnet);
        if (unsafe != null) {
            throw net.valueError("subnet", unsafe);
        }
        if (subnet.prefixLength() > 29) {
            throw net.valueError("subnet", subnet + " is too small for a gateway and three members (at most /29)");
        }
        for (Network network : model.networks()) {
            if (network.subnet().overlaps(subnet)) {
                throw net.valueError("subnet", subnet + " overlaps the model's " + network.name() + " network "
                        + network.subnet());
            }
        }
        Map<String, String> seen = new LinkedHashMap<>();
        for (String role : List.of("gateway", "proxy", "client", "resolver")) {
            String address = address(net, role, subnet);
            String clash = seen.entrySet().stream().filter(e -> e.getValue().equals(address))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (clash != null) {
                throw net.valueError(role, address + " is already the " + clash
                        + (clash.equals("gateway") ? " (the host's side of the bridge); pick another address"
                                : "; each member needs its own address"));
            }
            seen.put(role, address);
        }
        return new FixtureNetwork(subnet, seen.get("gateway"), seen.get("proxy"), seen.get("client"),
                seen.get("resolver"));
    }

    private static String address(YamlMapping net, String role, Cidr subnet) {
        String address = net.string(role);
        if (!HostNames.isIpv4(address)) {
            throw net.valueError(role, EnvironmentException.quote(address) + " is not an IPv4 address");
        }
        if (!subnet.contains(address)) {
            throw net.valueError(role, address + " is outside " + net.child("subnet") + " " + subnet);
        }
        int value = Ipv4.parse(address).bits();
        int broadcast = subnet.base() | (int) (0xffffffffL >>> subnet.prefixLength());
        if (value == subnet.base()) {
            throw net.valueError(role, address + " is the network address of " + subnet);
        }
        if (value == broadcast) {
            throw net.valueError(role, address + " is the broadcast address of " + subnet);
        }
        return address;
    }

    private static Set<String> proxyTailnetAddresses(Stack model) {
        Set<String> proxied = model.proxy().routes().stream().map(Route::host).collect(Collectors.toSet());
        return model.dns().tailnetRecords().stream()
                .filter(r -> r.access() == Access.VPN_ONLY && proxied.contains(r.name()))
                .map(r -> r.address()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static SshEnvironment ssh(YamlMapping top, String name, String description, String display, Path root) {
        Map<String, Integer> lines = new HashMap<>();
        YamlMapping ssh = top.mapping("ssh");
        lines.put("ssh", ssh.line());
        ssh.allowOnly(SSH_BLOCK_KEYS);

        String host = ssh.string("host");
        lines.put("ssh.host", YamlMapping.line(ssh.value("host")));
        String hostProblem = Variables.hasReference(host) ? Variables.problem(host) : HostNames.hostProblem(host);
        if (hostProblem != null) {
            throw ssh.valueError("host", hostProblem);
        }

        int port = ssh.integer("port");
        lines.put("ssh.port", YamlMapping.line(ssh.value("port")));
        if (port < 1 || port > 65535) {
            throw ssh.valueError("port", port + " is not a TCP port (1..65535)");
        }

        String user = ssh.string("user");
        lines.put("ssh.user", YamlMapping.line(ssh.value("user")));
        String userProblem = Variables.hasReference(user) ? Variables.problem(user) : HostNames.userProblem(user);
        if (userProblem != null) {
            throw ssh.valueError("user", userProblem);
        }

        YamlMapping keyMap = ssh.mapping("key");
        keyMap.allowOnly(KEY_KEYS);
        String keyKind = keyMap.exactlyOne("path", "env");
        String keyValue = keyMap.string(keyKind);
        lines.put("ssh.key." + keyKind, YamlMapping.line(keyMap.value(keyKind)));
        KeySource key;
        if (keyKind.equals("path")) {
            key = new KeySource.KeyFile(keyValue);
        } else {
            if (!Variables.isName(keyValue)) {
                throw keyMap.valueError("env", EnvironmentException.quote(keyValue)
                        + " is not a variable name (the variable holds the key's path)");
            }
            key = new KeySource.KeyFromEnv(keyValue);
        }

        YamlMapping hostKeyMap = ssh.mapping("hostKey");
        for (String k : hostKeyMap.keys()) {
            if (!HOST_KEY_KEYS.contains(k) && ACCEPT_ANY.matcher(k).matches()) {
                throw hostKeyMap.keyError(k, "there is no option to skip or relax host key verification;"
                        + " pin the key with knownHosts or fingerprint");
            }
        }
        hostKeyMap.allowOnly(HOST_KEY_KEYS);
        String hostKeyKind = hostKeyMap.exactlyOne("knownHosts", "fingerprint");
        String hostKeyValue = hostKeyMap.string(hostKeyKind);
        lines.put("ssh.hostKey." + hostKeyKind, YamlMapping.line(hostKeyMap.value(hostKeyKind)));
        HostKeyPolicy hostKey;
        if (hostKeyKind.equals("knownHosts")) {
            hostKey = new HostKeyPolicy.KnownHosts(hostKeyValue);
        } else {
            if (!HostKeyPolicy.Fingerprint.FORMAT.matcher(hostKeyValue).matches()) {
                throw hostKeyMap.valueError("fingerprint", EnvironmentException.quote(hostKeyValue)
                        + " is not a fingerprint of the form SHA256:<43 base64 characters> (ssh-keygen -lf)");
            }
            hostKey = new HostKeyPolicy.Fingerprint(hostKeyValue);
        }

        boolean destructive = top.bool("destructive");
        lines.put("destructive", YamlMapping.line(top.value("destructive")));
        if (destructive && name.equals(SshEnvironment.PRODUCTION)) {
            throw top.valueError("destructive", "production never allows destructive specs; it must be false");
        }
        return new SshEnvironment(name, description, host, port, user, key, hostKey, destructive,
                new SshEnvironment.Source(display, root, lines));
    }

    private static String read(Path file, String display) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw EnvironmentException.at(display, 0, null, "no such file");
        } catch (MalformedInputException e) {
            throw EnvironmentException.at(display, 0, null, "is not UTF-8 text");
        } catch (IOException e) {
            throw EnvironmentException.at(display, 0, null, "cannot be read: " + e);
        }
    }

    private static Node compose(String text, String display) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false); // the composer does not check: YamlMapping does, with both lines
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(20);
        try {
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            String problem = e.getProblem() != null ? e.getProblem() : firstLine(e.getMessage());
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            throw EnvironmentException.at(display, line, null, "YAML syntax error: " + problem + context);
        } catch (ReaderException e) {
            int position = Math.min(e.getPosition(), text.length());
            int line = 1 + (int) text.substring(0, position).chars().filter(c -> c == '\n').count();
            throw EnvironmentException.at(display, line, null, String.format("unreadable character U+%04X: %s",
                    e.getCodePoint(), firstLine(e.getMessage())));
        } catch (YAMLException e) {
            throw EnvironmentException.at(display, 0, null, "YAML error: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** {@code environments/offline.yaml} for a file in an environments folder, else the path as given. */
    static String displayName(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent != null && parent.getFileName() != null
                && parent.getFileName().toString().equals(Environments.DIRECTORY)) {
            return Environments.DIRECTORY + "/" + file.getFileName();
        }
        return file.toString();
    }

    /** The directory holding {@code environments/}: relative paths in a file are relative to it. */
    static Path projectRoot(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent.getFileName() != null && parent.getFileName().toString().equals(Environments.DIRECTORY)
                && parent.getParent() != null) {
            return parent.getParent();
        }
        return parent;
    }

    static String baseName(Path file) {
        String fileName = file.getFileName().toString();
        for (String extension : List.of(".yaml", ".yml")) {
            if (fileName.toLowerCase(Locale.ROOT).endsWith(extension)) {
                return fileName.substring(0, fileName.length() - extension.length());
            }
        }
        return fileName;
    }
}
