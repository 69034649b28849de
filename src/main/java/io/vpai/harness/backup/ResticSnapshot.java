package io.vpai.harness.backup;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code restic snapshots --json}. {@code time} is the wall-clock time restic recorded, in the
 * offset it recorded: restic's forget buckets days, weeks, months and years in that same local time.
 */
public record ResticSnapshot(String id, LocalDateTime time, String host, List<String> paths) {

    /** JSON is YAML: SnakeYAML (already a dependency) reads restic's output without another library. */
    public static List<ResticSnapshot> parse(String json) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(json.strip());
        List<ResticSnapshot> out = new ArrayList<>();
        if (root == null) {
            return out;
        }
        if (!(root instanceof List<?> list)) {
            throw new IllegalArgumentException("restic snapshots --json: expected a list, got " + root.getClass().getSimpleName());
        }
        for (Object item : list) {
            Map<?, ?> snapshot = (Map<?, ?>) item;
            List<String> paths = new ArrayList<>();
            if (snapshot.get("paths") instanceof List<?> p) {
                p.forEach(x -> paths.add(String.valueOf(x)));
            }
            out.add(new ResticSnapshot(String.valueOf(snapshot.get("id")),
                    OffsetDateTime.parse(String.valueOf(snapshot.get("time"))).toLocalDateTime(),
                    String.valueOf(snapshot.get("hostname")), List.copyOf(paths)));
        }
        return out;
    }

    public String shortId() {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
