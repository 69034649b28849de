package io.vpai.harness.ssh;

import io.vpai.harness.check.Finding;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The seeded data is there: every count the seed manifest promises is the count the host's database holds. Reads
 * only (each count runs in a read-only transaction), so it is safe against any environment.
 */
public final class SeedCheck {
    public static final String CHECK_ID = "seed.rows-present";
    static final String USER_VARIABLE = "POSTGRES_USER";

    private SeedCheck() {
    }

    public static List<Finding> run(SshTarget target, SeedManifest manifest) {
        Service postgres = postgres(target.model());
        String user = ((Value.Literal) postgres.environment().get(USER_VARIABLE)).text();
        List<Finding> findings = new ArrayList<>();
        if (manifest.entries().isEmpty()) {
            findings.add(Finding.fail(CHECK_ID, "seed manifest", "the seed manifest on " + target.name()
                    + " lists no table: an empty seed cannot show that the data arrived"));
            return findings;
        }
        for (SeedManifest.Entry entry : manifest.entries()) {
            String subject = postgres.name() + " " + entry.subject();
            Optional<Long> rows = RowCounts.count(target, postgres.name(), user, entry.database(), entry.table());
            String where = " (service " + postgres.name() + ", environment " + target.name() + ")";
            if (rows.isEmpty()) {
                findings.add(Finding.fail(CHECK_ID, subject, "expecting table " + entry.subject() + " to hold "
                        + entry.rows() + " rows as the seed manifest says, but it does not exist" + where));
            } else if (rows.get() != entry.rows()) {
                findings.add(Finding.fail(CHECK_ID, subject, "expecting " + entry.subject() + " to hold " + entry.rows()
                        + " rows as the seed manifest says, but it holds " + rows.get() + where));
            } else {
                findings.add(Finding.pass(CHECK_ID, subject, entry.subject() + " holds the " + entry.rows()
                        + " rows the seed manifest says" + where));
            }
        }
        return findings;
    }

    /** The model's PostgreSQL: the service whose superuser is a literal POSTGRES_USER. */
    static Service postgres(Stack model) {
        return model.services().stream()
                .filter(s -> s.environment().get(USER_VARIABLE) instanceof Value.Literal)
                .findFirst().orElseThrow(() -> new IllegalStateException(
                        "no model service sets a literal " + USER_VARIABLE + "; the seed check needs PostgreSQL"));
    }
}
