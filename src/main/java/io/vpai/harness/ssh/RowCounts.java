package io.vpai.harness.ssh;

import io.vpai.harness.target.EngineTarget;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.vpai.harness.engine.ShellWords.quote;

/**
 * Rows in one table, read in a read-only transaction ({@code default_transaction_read_only}), so even this query
 * cannot write: the seeded-data smoke check. Identifiers are checked, then quoted.
 */
public final class RowCounts {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private RowCounts() {
    }

    /** The count, or empty when the table does not exist. */
    public static Optional<Long> count(EngineTarget target, String postgresService, String user, String database,
                                       String table) {
        for (String identifier : List.of(user, database, table)) {
            if (!IDENTIFIER.matcher(identifier).matches()) {
                throw new IllegalArgumentException("'" + identifier + "' is not a plain SQL identifier (" + IDENTIFIER + ")");
            }
        }
        String psql = "docker exec -e " + quote("PGOPTIONS=-c default_transaction_read_only=on") + " "
                + quote(target.container(postgresService)) + " psql -U " + quote(user) + " -d " + quote(database)
                + " -v ON_ERROR_STOP=1 -Atc ";
        String exists = target.engine().require(psql + quote("SELECT to_regclass('public.\"" + table + "\"') IS NOT NULL"),
                "look up table " + database + "." + table).stdout().strip();
        if (!exists.equals("t")) {
            return Optional.empty();
        }
        String count = target.engine().require(psql + quote("SELECT count(*) FROM public.\"" + table + "\""),
                "count rows of " + database + "." + table).stdout().strip();
        return Optional.of(Long.parseLong(count));
    }
}
