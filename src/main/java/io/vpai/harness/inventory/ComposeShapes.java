package io.vpai.harness.inventory;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.vpai.harness.inventory.ServiceShape.mount;

/**
 * The compose side of the inventory: compose files, merged in order as Compose merges them, read into
 * {@link ServiceShape}'s normal form (short and long syntax alike).
 */
final class ComposeShapes {
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)");

    private ComposeShapes() {
    }

    /** What the compose files say each service runs as, files merged in order as Compose merges them. */
    static Map<String, ServiceShape> read(List<String> composeTexts, String project) {
        Map<String, Map<String, Object>> services = new TreeMap<>();
        Map<String, String> networkNames = new TreeMap<>();
        for (String text : composeTexts) {
            Map<String, Object> document = load(text);
            map(document.get("networks")).forEach((key, value) -> {
                Object name = map(value).get("name");
                networkNames.put(key, name != null ? name.toString() : project + "_" + key);
            });
            map(document.get("services")).forEach((name, value) ->
                    merge(services.computeIfAbsent(name, n -> new LinkedHashMap<>()), map(value)));
        }
        Map<String, ServiceShape> shapes = new TreeMap<>();
        services.forEach((name, service) -> {
            Map<String, String> networks = new TreeMap<>();
            map(service.get("networks")).forEach((key, value) -> {
                Object address = map(value).get("ipv4_address");
                networks.put(networkNames.getOrDefault(key, project + "_" + key), address == null ? "" : address.toString());
            });
            Object mode = service.get("network_mode");
            if (mode != null) {
                // bridge, host, none: Docker's own networks by those names; container:/service: share another's stack
                String modeName = mode.toString();
                if (!modeName.startsWith("container:") && !modeName.startsWith("service:")) {
                    networks.put(modeName, "");
                }
            } else if (networks.isEmpty()) {
                networks.put(project + "_default", "");
            }
            List<String> ports = new ArrayList<>();
            list(service.get("ports")).forEach(p -> ports.add(port(p)));
            List<String> mounts = new ArrayList<>();
            list(service.get("volumes")).forEach(v -> mounts.add(volume(v)));
            Object restart = service.get("restart");
            shapes.put(name, new ServiceShape(String.valueOf(service.getOrDefault("image", "")), networks, ports,
                    healthcheck(map(service.get("healthcheck"))), mounts, restart == null ? "no" : restart.toString(),
                    dependsOn(service.get("depends_on"))));
        });
        return shapes;
    }

    /** Compose's merge for the keys drift reads: maps merge key by key, lists of ports add up, scalars are replaced. */
    private static void merge(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((key, value) -> {
            Object existing = into.get(key);
            if (existing instanceof Map<?, ?> && value instanceof Map<?, ?>) {
                Map<String, Object> merged = new LinkedHashMap<>(map(existing));
                merged.putAll(map(value));
                into.put(key, merged);
            } else if (key.equals("volumes") && existing instanceof List<?> && value instanceof List<?>) {
                // Compose merges mounts by destination: an override replaces the mount at the same path.
                Map<String, Object> byTarget = new LinkedHashMap<>();
                list(existing).forEach(v -> byTarget.put(volumeTarget(v), v));
                list(value).forEach(v -> byTarget.put(volumeTarget(v), v));
                into.put(key, new ArrayList<>(byTarget.values()));
            } else if (key.equals("depends_on") && (existing instanceof List<?> || value instanceof List<?>)) {
                Map<String, Object> merged = new LinkedHashMap<>(asConditionMap(existing));
                merged.putAll(asConditionMap(value));
                into.put(key, merged);
            } else if (key.equals("ports") && existing instanceof List<?> && value instanceof List<?>) {
                List<Object> merged = new ArrayList<>(list(existing));
                merged.addAll(list(value));
                into.put(key, merged);
            } else if (key.equals("networks") && existing instanceof List<?> names) {
                Map<String, Object> merged = new LinkedHashMap<>();
                names.forEach(n -> merged.put(n.toString(), Map.of()));
                merged.putAll(map(value));
                into.put(key, merged);
            } else {
                into.put(key, value);
            }
        });
        if (into.get("networks") instanceof List<?> names) {
            Map<String, Object> asMap = new LinkedHashMap<>();
            names.forEach(n -> asMap.put(n.toString(), Map.of()));
            into.put("networks", asMap);
        }
    }

    /** Short ({@code [IP:]HOST:CONTAINER[/PROTO]}) or long syntax to {@code CONTAINER/PROTO -> IP:HOST}. */
    static String port(Object declared) {
        if (declared instanceof Map<?, ?> long_) {
            Object ip = long_.get("host_ip");
            Object protocol = long_.get("protocol");
            return long_.get("target") + "/" + (protocol == null ? "tcp" : protocol) + " -> " + (ip == null ? "0.0.0.0" : ip)
                    + ":" + long_.get("published");
        }
        String text = declared.toString();
        String protocol = "tcp";
        int slash = text.indexOf('/');
        if (slash >= 0) {
            protocol = text.substring(slash + 1);
            text = text.substring(0, slash);
        }
        String[] parts = text.split(":");
        String container = parts[parts.length - 1];
        String host = parts.length >= 2 ? parts[parts.length - 2] : "";
        String ip = parts.length >= 3 ? String.join(":", Arrays.copyOf(parts, parts.length - 2)) : "0.0.0.0";
        return container + "/" + protocol + " -> " + ip + ":" + host;
    }

    /** Short ({@code SRC:DST[:MODE]}, {@code DST}) or long syntax to the {@link ServiceShape#mount} normal form. */
    static String volume(Object declared) {
        if (declared instanceof Map<?, ?> long_) {
            Object source = long_.get("source");
            Object type = long_.get("type");
            return mount(type == null ? "volume" : type.toString(), source == null ? null : source.toString(),
                    String.valueOf(long_.get("target")), Boolean.TRUE.equals(long_.get("read_only")));
        }
        String[] parts = declared.toString().split(":");
        if (parts.length == 1) {
            return mount("volume", null, parts[0], false);
        }
        String source = parts[0];
        boolean bind = source.startsWith("/") || source.startsWith(".") || source.startsWith("~");
        boolean readOnly = parts.length > 2 && List.of(parts[2].split(",")).contains("ro");
        return mount(bind ? "bind" : "volume", source, parts[1], readOnly);
    }

    private static String volumeTarget(Object declared) {
        if (declared instanceof Map<?, ?> long_) {
            return String.valueOf(long_.get("target"));
        }
        String[] parts = declared.toString().split(":");
        return parts.length == 1 ? parts[0] : parts[1];
    }

    /** depends_on as a list (service_started each) or as a map of conditions. */
    private static Map<String, Object> asConditionMap(Object dependsOn) {
        Map<String, Object> conditions = new LinkedHashMap<>();
        if (dependsOn instanceof List<?> names) {
            names.forEach(n -> conditions.put(n.toString(), Map.of("condition", "service_started")));
        } else {
            conditions.putAll(map(dependsOn));
        }
        return conditions;
    }

    private static Map<String, String> dependsOn(Object declared) {
        Map<String, String> conditions = new TreeMap<>();
        asConditionMap(declared).forEach((service, value) -> {
            Object condition = map(value).get("condition");
            conditions.put(service, condition == null ? "service_started" : condition.toString());
        });
        return conditions;
    }

    private static List<String> healthcheck(Map<String, Object> check) {
        if (check.isEmpty()) {
            return List.of();
        }
        if (Boolean.TRUE.equals(check.get("disable"))) {
            return List.of("NONE");
        }
        List<String> test = new ArrayList<>();
        Object declared = check.get("test");
        if (declared instanceof List<?> parts) {
            parts.forEach(p -> test.add(p.toString()));
        } else if (declared != null) {
            test.add("CMD-SHELL");
            test.add(declared.toString());
        }
        Object interval = check.get("interval");
        if (interval != null) {
            test.add("interval=" + duration(interval.toString()).toMillis() + "ms");
        }
        return test;
    }

    /** Compose durations: {@code 5s}, {@code 1500ms}, {@code 1m30s}. */
    static Duration duration(String text) {
        Matcher m = DURATION_PART.matcher(text.strip());
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            double amount = Double.parseDouble(m.group(1));
            long nanos = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total = total.plusNanos((long) (amount * nanos));
            end = m.end();
        }
        if (end != text.strip().length() || end == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a compose duration (e.g. 5s, 1500ms, 1m30s)");
        }
        return total;
    }

    private static Map<String, Object> load(String text) {
        Object document = new Yaml(new LoaderOptions()).load(text);
        return map(document);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> ? (List<Object>) value : List.of();
    }
}
