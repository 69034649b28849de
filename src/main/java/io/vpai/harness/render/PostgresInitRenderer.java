package io.vpai.harness.render;

import io.vpai.harness.model.Backup;
import io.vpai.harness.model.ModelException;
import io.vpai.harness.model.Stack;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Creates the databases the nightly backup dumps. They are read from the backup's pg_dump steps, so
 * a database the backup captures always exists on a fresh data directory, and a database added to
 * the backup is created too.
 */
public final class PostgresInitRenderer implements Renderer {
    public static final String PATH = "sese-ai/postgres/init-databases.sql";
    /** Lower-case identifiers need no quoting rules beyond the double quotes we put around them. */
    private static final Pattern DATABASE = Pattern.compile("[a-z_][a-z0-9_]*");

    @Override
    public List<RenderedFile> render(Stack stack) {
        StringBuilder sql = new StringBuilder(Generated.header("--", PostgresInitRenderer.class));
        sql.append("-- The databases the nightly pg_dump captures. The postgres image runs this once, through psql,\n")
                .append("-- on an empty data directory; \\gexec makes each CREATE conditional so a rerun by hand is harmless.\n");
        for (String database : databases(stack)) {
            sql.append("SELECT 'CREATE DATABASE \"").append(database)
                    .append("\"' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '").append(database)
                    .append("')\\gexec\n");
        }
        return List.of(RenderedFile.text(PATH, sql.toString()));
    }

    /** The databases of the backup's pg_dump steps, in step order, each once. */
    public static List<String> databases(Stack stack) {
        List<String> databases = stack.backup().preBackup().steps().stream()
                .filter(Backup.Step.PgDump.class::isInstance)
                .map(step -> ((Backup.Step.PgDump) step).database())
                .distinct().toList();
        for (String database : databases) {
            if (!DATABASE.matcher(database).matches()) {
                throw new ModelException("backup step pg_dump '" + database + "': database name must match " + DATABASE.pattern());
            }
        }
        return databases;
    }
}
