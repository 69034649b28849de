package io.vpai.harness.backup;

import io.vpai.harness.inventory.DockerJson;
import io.vpai.harness.inventory.DockerOutputException;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code restic snapshots --json}. {@code time} is the wall-clock time restic recorded, in the
 * offset it recorded: restic's forget buckets days, weeks, months and years in that same local time.
 */
public record ResticSnapshot(String id, LocalDateTime time, String host, List<String> paths) {

    /** What restic prints per snapshot, as far as the drill reads it; restic's other keys are ignored. */
    private record Printed(String id, String time, String hostname, List<String> paths) {
    }

    /** Restic's answer; anything else (not JSON, not a list) is an {@link IllegalArgumentException} in one line. */
    public static List<ResticSnapshot> parse(String json) {
        String text = json.strip();
        if (text.isEmpty()) {
            return List.of();
        }
        List<ResticSnapshot> out = new ArrayList<>();
        try {
            for (Printed p : DockerJson.readList(text, Printed.class, "restic snapshots --json")) {
                out.add(new ResticSnapshot(String.valueOf(p.id()), OffsetDateTime.parse(String.valueOf(p.time()))
                        .toLocalDateTime(), String.valueOf(p.hostname()), p.paths() == null ? List.of() : List.copyOf(p.paths())));
            }
        } catch (DockerOutputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return out;
    }

    public String shortId() {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
