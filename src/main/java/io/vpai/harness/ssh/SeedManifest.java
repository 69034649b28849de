package io.vpai.harness.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the seed in the shared bucket promises: row counts per table, written by whoever produced the seed and
 * shipped next to the data ({@code seed/manifest.tsv}), so the smoke check compares against the seed itself
 * rather than numbers typed into a test. One entry a line, fields separated by blanks, {@code #} starts a comment:
 * <pre>
 * postgres  n8n      workflow_entity  12
 * </pre>
 */
public record SeedManifest(List<Entry> entries) {
    /** Where the manifest lies relative to the deploy directory on the host. */
    public static final String PATH = "seed/manifest.tsv";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    /** One promised count: {@code rows} rows in {@code database.table}. */
    public record Entry(String database, String table, long rows) {
        public String subject() {
            return database + "." + table;
        }
    }

    public SeedManifest {
        entries = List.copyOf(entries);
    }

    /** @throws IllegalArgumentException naming the line and what is wrong with it */
    public static SeedManifest parse(String text, String source) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\\s+");
            String at = source + ":" + (i + 1) + ": ";
            if (fields.length != 4 || !fields[0].equals("postgres")) {
                throw new IllegalArgumentException(at + "expected 'postgres <database> <table> <rows>', found '" + line + "'");
            }
            for (int f = 1; f <= 2; f++) {
                if (!IDENTIFIER.matcher(fields[f]).matches()) {
                    throw new IllegalArgumentException(at + "'" + fields[f] + "' is not a plain SQL identifier");
                }
            }
            long rows;
            try {
                rows = Long.parseLong(fields[3]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(at + "'" + fields[3] + "' is not a row count");
            }
            if (rows < 0) {
                throw new IllegalArgumentException(at + "a row count cannot be negative (" + rows + ")");
            }
            entries.add(new Entry(fields[1], fields[2], rows));
        }
        return new SeedManifest(entries);
    }

    public String render() {
        StringBuilder text = new StringBuilder("# database table rows\n");
        entries.forEach(e -> text.append("postgres ").append(e.database()).append(' ').append(e.table()).append(' ')
                .append(e.rows()).append('\n'));
        return text.toString();
    }
}
